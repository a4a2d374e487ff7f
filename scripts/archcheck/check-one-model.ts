import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { buildBackwardGraph } from '../../packages/engine/src/autodiff/build-backward-graph';
import { probeShapeTable } from '../../packages/engine/src/autodiff/probe-shape-table';
import { VJP_RULES } from '../../packages/engine/src/autodiff/rules';
import { isFloatTensor, type ShapeTable } from '../../packages/engine/src/autodiff/shape-table';
import { ancestorsOfOutput, pickDefaultCamLayer } from '../../packages/engine/src/model/list-layers';
import { sessionOptions } from '../../packages/engine/src/model/runtime-options';
import { decodeOnnxModel, encodeOnnxModel, type OnnxModel, TensorDataType } from '../../packages/engine/src/onnx';
import { upgradeToOpset13 } from '../../packages/engine/src/onnx/upgrade-to-opset-13';
import { randomValues } from '../../packages/engine/test/check-vjp';

export const INPUT = 'input';
export const OUTPUT = 'logits';
const CHW = [3, 224, 224] as const;
/** Graph input that replaces the CAM layer in the forward graph used for its finite differences. */
const LAYER_FEED = 'lbx/archcheck/layer';

export interface CheckSettings {
  /** Central-difference step: the first-order change of S, as a fraction of Σ|seed ⊙ logits| (see directional). */
  readonly tau: number;
  /** Random directions per checked tensor. */
  readonly directions: number;
  /** Pass threshold on the relative error of directional derivatives. */
  readonly tolerance: number;
  /** Pass threshold on max|g(batch 2, item 0) − g(batch 1)| / max|g(batch 1)|. */
  readonly batchTolerance: number;
  /** Pass threshold on ‖g − g_torch‖ / ‖g_torch‖. */
  readonly torchTolerance: number;
  /** Values of tau for the error-versus-step curve. */
  readonly sweepTau: readonly number[];
  readonly threads: number;
}

/** The point and gradient torch computed (export-torchvision.py), raw float32 files. */
export interface ReferenceFiles {
  readonly x: string;
  readonly seed: string;
  readonly logits: string;
  readonly grad: string;
}

export interface DirectionCheck {
  readonly fd: number;
  readonly analytic: number;
  readonly relErr: number;
  /** The step h used, relative to rms(x). */
  readonly step: number;
}

export interface ModelCheckResult {
  readonly arch: string;
  readonly opset: number;
  readonly file: string;
  readonly bytes: number;
  readonly nodes: number;
  /** Every op type of the graph with its node count. */
  readonly census: Readonly<Record<string, number>>;
  /** Op types on the gradient path from the input to the logits, with their node counts. */
  readonly pathOps: Readonly<Record<string, number>>;
  /** Op types on the gradient path without a rule in VJP_RULES. */
  readonly missingRules: readonly string[];
  readonly camLayer?: string;
  readonly camDims?: readonly number[];
  readonly passed: boolean;
  /** Where it stopped, when it did. */
  readonly failedAt?: 'decode' | 'probe' | 'build' | 'session' | 'run' | 'check';
  readonly error?: string;
  readonly inputChecks: readonly DirectionCheck[];
  readonly camChecks: readonly DirectionCheck[];
  readonly maxRelErr?: number;
  readonly batch2?: { readonly gradDiff: number; readonly fd: DirectionCheck };
  /** Against torch autograd at the same point: ‖g − g_torch‖ / ‖g_torch‖, and max|Δ logits| / max|logits|. */
  readonly torch?: { readonly gradRelL2: number; readonly logitsRelDiff: number };
  /** Relative error against the step, for a gradient-signed and a plain random direction. */
  readonly sweep?: readonly { tau: number; signed: DirectionCheck; random: DirectionCheck }[];
  readonly ms: Readonly<Record<string, number>>;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${e.message.split('\n')[0]}`;
  }
  return String(e);
}

function countOps(model: OnnxModel, keep: (i: number) => boolean = () => true): Record<string, number> {
  const out: Record<string, number> = {};
  model.graph.node.forEach((n, i) => {
    if (!keep(i)) return;
    const op = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : n.opType;
    out[op] = (out[op] ?? 0) + 1;
  });
  return out;
}

/**
 * Nodes the gradient from `output` to `wrt` passes through, as the builder walks them: a node is on the path
 * when one of its inputs and one of its outputs are float tensors reachable from `wrt` that reach `output`.
 * Computed separately from the builder so that every missing rule is listed, not only the first one met.
 */
function gradientPathNodes(model: OnnxModel, shapes: ShapeTable, wrt: string, output: string): Set<number> {
  const g = model.graph;
  const consumers = new Map<string, number[]>();
  g.node.forEach((n, i) => {
    for (const t of n.input) if (t) consumers.set(t, [...(consumers.get(t) ?? []), i]);
  });
  const fromWrt = new Set<string>();
  const stack = [wrt];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (fromWrt.has(t) || !isFloatTensor(shapes.get(t))) continue;
    fromWrt.add(t);
    for (const ci of consumers.get(t) ?? []) for (const o of g.node[ci]!.output) if (o) stack.push(o);
  }
  const toOutput = ancestorsOfOutput(model, output);
  const onPath = (t: string) => fromWrt.has(t) && toOutput.has(t);
  const nodes = new Set<number>();
  g.node.forEach((n, i) => {
    if (n.input.some((t) => !!t && onPath(t)) && n.output.some((t) => !!t && onPath(t))) nodes.add(i);
  });
  return nodes;
}

/** The CAM layer Lightbox picks by default (GradientSessions.defaultCamLayer), from the probed shapes. */
function defaultCamLayer(model: OnnxModel, shapes: ShapeTable): string | undefined {
  const producers = new Map<string, number>();
  model.graph.node.forEach((n, i) => {
    for (const o of n.output) producers.set(o, i);
  });
  const tensors = [...shapes.entries()]
    .filter(([name]) => producers.has(name))
    .map(([name, f]) => ({ name, dims: f.dims, type: f.type, nodeIndex: producers.get(name)!, opType: '' }));
  return pickDefaultCamLayer(tensors, ancestorsOfOutput(model, OUTPUT));
}

/** The forward graph with `layer` cut loose: its consumers read a new graph input instead. */
function withLayerAsInput(model: OnnxModel, layer: string, dims: readonly number[]): OnnxModel {
  const g = model.graph;
  return {
    ...model,
    graph: {
      ...g,
      node: g.node.map((n) => ({ ...n, input: n.input.map((t) => (t === layer ? LAYER_FEED : t)) })),
      input: [
        ...g.input,
        {
          name: LAYER_FEED,
          elemType: TensorDataType.FLOAT,
          shape: dims.map((d, i) => (i === 0 ? { param: 'batch' } : { value: d })),
        },
      ],
    },
  };
}

function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / x.length);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * |fd − analytic| / max(|fd|, |analytic|): the honest relative error of one directional derivative. (The
 * per-op harness divides by Σ|g·v| instead, which for 150 528 inputs is ~400× larger than |⟨g, v⟩| and would
 * hide a wrong gradient.)
 */
function relErr(fd: number, analytic: number): number {
  const scale = Math.max(Math.abs(fd), Math.abs(analytic));
  return scale === 0 ? 0 : Math.abs(fd - analytic) / scale;
}

/**
 * A random direction that follows the sign of the analytic gradient: v_i = sign(g_i)·u_i, u_i uniform in
 * [0, 1) (where g_i = 0, u_i uniform in [−1, 1)). ⟨g, v⟩ is then of the order of ‖g‖₁ instead of ‖g‖₂: for
 * a plain random direction it is ~√n times smaller than the terms it sums, and the finite difference of a
 * float32 ReLU network cannot resolve it (see the step curves in the report).
 */
function signedDirection(g: Float32Array, seed: number): Float32Array {
  const u = randomValues(g.length, seed);
  return u.map((ui, i) => (g[i]! > 0 ? Math.abs(ui) : g[i]! < 0 ? -Math.abs(ui) : ui));
}

function readF32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

type Feed = Record<string, ort.Tensor>;
const tensor = (data: Float32Array, dims: readonly number[]) => new ort.Tensor('float32', data, [...dims]);

/** What one finite-difference check perturbs and around which point. */
interface FdPoint {
  readonly session: ort.InferenceSession;
  /** Feeds held fixed. */
  readonly base: Feed;
  /** The perturbed feed, its value, dims and analytic gradient. */
  readonly name: string;
  readonly x: Float32Array;
  readonly dims: readonly number[];
  readonly g: Float32Array;
  readonly seed: Float32Array;
  /** Σ|seed ⊙ logits| at x: the unit of S's float32 rounding error and of how far the step moves the logits. */
  readonly outScale: number;
}

/**
 * Central difference of S = Σ seed ⊙ logits along v, compared with ⟨g, v⟩; S is summed in float64.
 * The step h makes the first-order change of S a fraction `tau` of Σ|seed ⊙ logits|: h·|⟨g, v⟩| = tau·outScale,
 * kept within [1e-8, 1e-2]·rms(x). Both errors of a central difference are measured in that unit (float32
 * rounding of S, and the kinks crossed as the logits move), so one tau suits networks whose gradients differ by
 * orders of magnitude, where one step relative to the input does not.
 */
async function directional(p: FdPoint, v: Float32Array, tau: number): Promise<DirectionCheck> {
  const analytic = dot(p.g, v);
  const scale = rms(p.x);
  const wanted = (tau * p.outScale) / Math.abs(analytic);
  // A zero gradient or zero logits leave no scale to go by: take the largest step.
  const h =
    Number.isFinite(wanted) && wanted > 0 ? Math.min(Math.max(wanted, 1e-8 * scale), 1e-2 * scale) : 1e-2 * scale;
  const S = async (sign: number) => {
    const xs = Float32Array.from(p.x, (xi, i) => xi + sign * h * v[i]!);
    const y = (await p.session.run({ ...p.base, [p.name]: tensor(xs, p.dims) }, [OUTPUT]))[OUTPUT]!
      .data as Float32Array;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += p.seed[i]! * y[i]!;
    return s;
  };
  const fd = ((await S(1)) - (await S(-1))) / (2 * h);
  return { fd, analytic, relErr: relErr(fd, analytic), step: h / scale };
}

function outputScale(y: Float32Array, seed: Float32Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(seed[i]! * y[i]!);
  return s;
}

/**
 * Exports one architecture's backward graph and checks it: probe shapes, build the gradients of
 * S = Σ seed ⊙ logits w.r.t. the input and the default CAM layer, run at batch 1, compare with central finite
 * differences along random directions, then run at batch 2 (dynamic batch) and compare again.
 */
export async function checkOneModel(
  entry: { arch: string; opset: number; path: string; reference?: ReferenceFiles },
  s: CheckSettings,
  withSweep: boolean,
): Promise<ModelCheckResult> {
  const ms: Record<string, number> = {};
  let t = performance.now();
  const lap = (k: string) => {
    const now = performance.now();
    ms[k] = Math.round(now - t);
    t = now;
  };
  const base = {
    arch: entry.arch,
    opset: entry.opset,
    file: entry.path,
    bytes: 0,
    nodes: 0,
    census: {},
    pathOps: {},
    missingRules: [] as string[],
    inputChecks: [] as DirectionCheck[],
    camChecks: [] as DirectionCheck[],
    ms,
  };
  let stage: NonNullable<ModelCheckResult['failedAt']> = 'decode';
  let partial: Partial<ModelCheckResult> = {};
  const sessions: ort.InferenceSession[] = [];
  const open = async (model: OnnxModel | Uint8Array) => {
    const bytes = model instanceof Uint8Array ? model : encodeOnnxModel(model);
    const session = await ort.InferenceSession.create(bytes, sessionOptions({ intraOpThreads: s.threads }));
    sessions.push(session);
    return session;
  };
  try {
    const bytes = new Uint8Array(readFileSync(entry.path));
    const decoded = decodeOnnxModel(bytes);
    partial = { bytes: bytes.length, nodes: decoded.graph.node.length, census: countOps(decoded) };
    // As Classifier.load does: opset 11 and 12 exports are restated in opset 13 (the same function).
    const model = upgradeToOpset13(decoded);
    lap('decode');

    stage = 'probe';
    const runtime = { intraOpThreads: s.threads };
    const shapes = await probeShapeTable(model, { name: INPUT, chw: CHW }, runtime);
    const path = gradientPathNodes(model, shapes, INPUT, OUTPUT);
    const pathOps = countOps(model, (i) => path.has(i));
    const camLayer = defaultCamLayer(model, shapes);
    const camDims = camLayer ? shapes.get(camLayer)!.dims : undefined;
    partial = {
      ...partial,
      pathOps,
      missingRules: Object.keys(pathOps)
        .filter((op) => !VJP_RULES[op])
        .sort(),
      ...(camLayer ? { camLayer, camDims } : {}),
    };
    lap('probe');

    stage = 'build';
    const wrt = camLayer ? [INPUT, camLayer] : [INPUT];
    const bg = buildBackwardGraph({ model, output: OUTPUT, wrt, expose: camLayer ? [camLayer] : [], shapes });
    lap('build');

    stage = 'session';
    const back = await open(bg.model);
    const fwd = await open(bytes);
    const fwdLayer = camLayer && camDims ? await open(withLayerAsInput(model, camLayer, camDims)) : undefined;
    lap('session');

    stage = 'run';
    const per = CHW[0] * CHW[1] * CHW[2];
    const k = shapes.get(OUTPUT)!.dims[1]!;
    const xDims = [1, ...CHW];
    // torch's reference point when there is one; else the same kind of values: an input like a normalised
    // image (uniform in [−2, 2)) and a seed like a mix of class weights (uniform in [−1, 1)).
    const ref = entry.reference;
    const x = ref ? readF32(ref.x) : randomValues(per, 11).map((v) => 2 * v);
    const seed = ref ? readF32(ref.seed) : randomValues(k, 13);
    const res = await back.run({ [INPUT]: tensor(x, xDims), [bg.seedInput]: tensor(seed, [1, k]) });
    const gIn = res[bg.gradients[INPUT]!]!.data as Float32Array;
    const layerVal = camLayer ? (res[camLayer]!.data as Float32Array) : undefined;
    const gLayer = camLayer ? (res[bg.gradients[camLayer]!]!.data as Float32Array) : undefined;
    if (gIn.length !== per) throw new Error(`the input gradient has ${gIn.length} values for ${per}`);
    let torch: ModelCheckResult['torch'];
    if (ref) {
      const gT = readF32(ref.grad);
      const yT = readF32(ref.logits);
      const y = res[OUTPUT]!.data as Float32Array;
      let num = 0;
      let den = 0;
      for (let i = 0; i < per; i++) {
        num += (gIn[i]! - gT[i]!) ** 2;
        den += gT[i]! ** 2;
      }
      let dy = 0;
      let yMax = 0;
      for (let i = 0; i < k; i++) {
        dy = Math.max(dy, Math.abs(y[i]! - yT[i]!));
        yMax = Math.max(yMax, Math.abs(yT[i]!));
      }
      torch = { gradRelL2: Math.sqrt(num / den), logitsRelDiff: dy / yMax };
    }
    lap('run');

    stage = 'check';
    const inputChecks: DirectionCheck[] = [];
    const camChecks: DirectionCheck[] = [];
    const y1 = res[OUTPUT]!.data as Float32Array;
    const atX: FdPoint = {
      session: fwd,
      base: {},
      name: INPUT,
      x,
      dims: xDims,
      g: gIn,
      seed,
      outScale: outputScale(y1, seed),
    };
    for (let d = 0; d < s.directions; d++)
      inputChecks.push(await directional(atX, signedDirection(gIn, 101 + d), s.tau));
    if (fwdLayer && camLayer && camDims && layerVal && gLayer) {
      const atLayer: FdPoint = {
        ...atX,
        session: fwdLayer,
        base: { [INPUT]: tensor(x, xDims) },
        name: LAYER_FEED,
        x: layerVal,
        dims: camDims,
        g: gLayer,
      };
      for (let d = 0; d < s.directions; d++)
        camChecks.push(await directional(atLayer, signedDirection(gLayer, 201 + d), s.tau));
    }
    lap('fd');

    // Batch 2: item 0 repeats the batch-1 case, item 1 is new; both must come out right.
    const x2 = new Float32Array(2 * per);
    x2.set(x);
    x2.set(
      randomValues(per, 17).map((v) => 2 * v),
      per,
    );
    const seed2 = new Float32Array(2 * k);
    seed2.set(seed);
    seed2.set(randomValues(k, 19), k);
    const x2Dims = [2, ...CHW];
    const res2 = await back.run({ [INPUT]: tensor(x2, x2Dims), [bg.seedInput]: tensor(seed2, [2, k]) });
    const g2 = res2[bg.gradients[INPUT]!]!.data as Float32Array;
    if (g2.length !== 2 * per) throw new Error(`at batch 2 the input gradient has ${g2.length} values for ${2 * per}`);
    let diff = 0;
    let gMax = 0;
    for (let i = 0; i < per; i++) {
      diff = Math.max(diff, Math.abs(g2[i]! - gIn[i]!));
      gMax = Math.max(gMax, Math.abs(gIn[i]!));
    }
    const at2: FdPoint = {
      ...atX,
      x: x2,
      dims: x2Dims,
      g: g2,
      seed: seed2,
      outScale: outputScale(res2[OUTPUT]!.data as Float32Array, seed2),
    };
    const batchFd = await directional(at2, signedDirection(g2, 301), s.tau);
    const batch2 = { gradDiff: gMax === 0 ? 0 : diff / gMax, fd: batchFd };
    lap('batch2');

    let sweep: { tau: number; signed: DirectionCheck; random: DirectionCheck }[] | undefined;
    if (withSweep) {
      const signed = signedDirection(gIn, 101);
      const plain = randomValues(per, 101);
      sweep = [];
      for (const tau of s.sweepTau)
        sweep.push({ tau, signed: await directional(atX, signed, tau), random: await directional(atX, plain, tau) });
      lap('sweep');
    }

    const allChecks = [...inputChecks, ...camChecks, batchFd];
    const maxRelErr = Math.max(...allChecks.map((c) => c.relErr));
    const problems: string[] = [];
    if (gMax === 0) problems.push('the input gradient is identically zero');
    if (!(maxRelErr < s.tolerance))
      problems.push(`max relative error ${maxRelErr.toExponential(2)} is not below ${s.tolerance}`);
    if (!(batch2.gradDiff < s.batchTolerance))
      problems.push(`batch 2 changes item 0's gradient by ${batch2.gradDiff.toExponential(2)} of its max`);
    if (torch && !(torch.gradRelL2 < s.torchTolerance))
      problems.push(
        `the input gradient differs from torch autograd by ${torch.gradRelL2.toExponential(2)} (relative L2)`,
      );
    const passed = problems.length === 0;
    const why = passed ? undefined : problems.join('; ');
    return {
      ...base,
      ...partial,
      passed,
      ...(why ? { failedAt: 'check' as const, error: why } : {}),
      inputChecks,
      camChecks,
      maxRelErr,
      batch2,
      ...(torch ? { torch } : {}),
      ...(sweep ? { sweep } : {}),
    };
  } catch (e) {
    lap(stage);
    return { ...base, ...partial, passed: false, failedAt: stage, error: describeError(e) };
  } finally {
    for (const session of sessions) await session.release();
  }
}
