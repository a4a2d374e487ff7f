import { LightboxError } from '@lightbox/contracts';
import type { OnnxAttribute, OnnxModel, OnnxNode } from '../onnx/onnx-types';
import { TensorDataType } from '../onnx/onnx-types';
import { tensorToNumbers } from '../onnx/tensor-data';
import { OLDEST_UPGRADABLE_OPSET } from '../onnx/upgrade-to-opset-13';
import { GraphEmitter } from './graph-emitter';
import { addAll } from './rule-helpers';
import { VJP_RULES } from './rules';
import { isFloatTensor, type ShapeTable, type TensorFacts } from './shape-table';
import type { VjpContext } from './vjp-rule';

export interface BackwardGraphRequest {
  readonly model: OnnxModel;
  /** The output to differentiate, e.g. the logits [N, K]. */
  readonly output: string;
  /** Tensors whose gradients are wanted: the image input and/or intermediate activations. */
  readonly wrt: readonly string[];
  /** Further tensors to return as outputs (activations for CAM methods). */
  readonly expose?: readonly string[];
  /** From probeShapeTable. */
  readonly shapes: ShapeTable;
  readonly reluMode?: 'standard' | 'guided';
}

export interface BackwardGraph {
  /** The forward graph plus the backward graph; outputs: the differentiated output, exposed tensors and gradients. */
  readonly model: OnnxModel;
  /** Name of the seed input: the gradient of the differentiated output, same shape (e.g. one-hot rows). */
  readonly seedInput: string;
  /** For each requested tensor, the graph output holding d(sum(seed ⊙ output))/d(tensor). */
  readonly gradients: Readonly<Record<string, string>>;
  /** Forward ops in the gradient path, by type (for reports). */
  readonly opsOnPath: readonly string[];
  /** In guided mode, how many activations (ReLU, SiLU) gate the gradient; 0 means guided = plain gradient. */
  readonly guidedGates: number;
}

export const SEED_INPUT = 'lbx/seed';
export const MIN_OPSET = 13;

function attr(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attribute.find((a) => a.name === name);
}

function describeNode(n: OnnxNode): string {
  return `${n.opType} node "${n.name || n.output[0]}"`;
}

/**
 * Builds a reverse-mode backward graph from a forward ONNX graph, out of standard ONNX ops, so that one
 * onnxruntime session returns the output, chosen activations and the gradients of the output (weighted by
 * a seed input) with respect to chosen tensors. One vector-Jacobian rule per op type (rules/).
 */
export function buildBackwardGraph(req: BackwardGraphRequest): BackwardGraph {
  const { model, output, shapes } = req;
  const g = model.graph;
  const opset = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 0;
  if (opset < MIN_OPSET) {
    throw new LightboxError(
      'UNSUPPORTED_OP',
      `The model uses ONNX opset ${opset}; gradients need opset ${MIN_OPSET} or later (models at opset ${OLDEST_UPGRADABLE_OPSET} and ${OLDEST_UPGRADABLE_OPSET + 1} are upgraded when loaded). Re-export it with opset_version=${MIN_OPSET} or newer.`,
    );
  }
  const producer = new Map<string, number>();
  g.node.forEach((n, i) => {
    for (const o of n.output) if (o) producer.set(o, i);
  });
  const factsOf = (t: string): TensorFacts => {
    const f = shapes.get(t);
    if (!f) throw new LightboxError('INTERNAL', `No probed shape for tensor "${t}".`);
    return f;
  };
  for (const t of [output, ...req.wrt, ...(req.expose ?? [])]) {
    if (!shapes.has(t))
      throw new LightboxError('INVALID_ARGUMENT', `"${t}" is not a tensor of the model (see \`lightbox layers\`).`);
  }
  const initializers = new Map(g.initializer.map((t) => [t.name, t]));
  const constantValue = (t: string): number[] | undefined => {
    const init = initializers.get(t);
    if (init) return tensorToNumbers(init);
    const pi = producer.get(t);
    if (pi === undefined) return undefined;
    const n = g.node[pi]!;
    // Shape arithmetic (Shape → Gather → Div → Slice bounds) is constant for the model's input size.
    if (n.opType !== 'Constant') return shapes.get(t)?.value ? [...shapes.get(t)!.value!] : undefined;
    const v = attr(n, 'value');
    if (v?.t) return tensorToNumbers(v.t);
    const vi = attr(n, 'value_int') ?? attr(n, 'value_float');
    if (vi) return [vi.i ?? vi.f ?? 0];
    const vs = attr(n, 'value_ints') ?? attr(n, 'value_floats');
    return vs?.ints ?? vs?.floats;
  };

  // Tensors on a differentiable path: reachable forward from a wrt tensor through float tensors,
  // and reaching the output backwards.
  const consumers = new Map<string, number[]>();
  g.node.forEach((n, i) => {
    for (const inp of n.input) if (inp) consumers.set(inp, [...(consumers.get(inp) ?? []), i]);
  });
  const fromWrt = new Set<string>();
  const stack = [...req.wrt];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (fromWrt.has(t) || !isFloatTensor(shapes.get(t))) continue;
    fromWrt.add(t);
    for (const ci of consumers.get(t) ?? []) for (const o of g.node[ci]!.output) if (o) stack.push(o);
  }
  const toOutput = new Set<string>();
  const back = [output];
  while (back.length > 0) {
    const t = back.pop()!;
    if (toOutput.has(t)) continue;
    toOutput.add(t);
    const pi = producer.get(t);
    if (pi !== undefined) for (const i of g.node[pi]!.input) if (i) back.push(i);
  }
  const onPath = (t: string) => fromWrt.has(t) && toOutput.has(t);
  if (!req.wrt.some(onPath)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `None of [${req.wrt.join(', ')}] influences "${output}" through float tensors, so there is no gradient to compute.`,
    );
  }

  const taken = new Set<string>([...producer.keys(), ...initializers.keys(), ...g.input.map((i) => i.name)]);
  const emitter = new GraphEmitter(taken);
  const contributions = new Map<string, string[]>([[output, [SEED_INPUT]]]);
  const accumulate = (t: string): string | undefined => {
    const parts = contributions.get(t);
    if (!parts || parts.length === 0) return undefined;
    const sum = addAll(emitter, parts);
    contributions.set(t, [sum]);
    return sum;
  };
  const opsOnPath = new Set<string>();
  let guidedGates = 0;

  for (let idx = g.node.length - 1; idx >= 0; idx--) {
    const node = g.node[idx]!;
    if (!node.output.some((o) => contributions.has(o))) continue;
    const wanted = node.input.map((i) => !!i && onPath(i));
    if (!wanted.some(Boolean)) continue;
    opsOnPath.add(node.opType);
    const rule = node.domain === '' || node.domain === 'ai.onnx' ? VJP_RULES[node.opType] : undefined;
    const unsupported = (reason: string): never => {
      throw new LightboxError(
        'UNSUPPORTED_OP',
        `Cannot differentiate ${describeNode(node)}: ${reason}. The gradient from "${output}" to [${req.wrt.join(', ')}] passes through it.`,
        {
          details: { op: node.opType, node: node.name, reason },
        },
      );
    };
    if (!rule)
      unsupported(`Lightbox has no gradient rule for the op ${node.domain ? `${node.domain}.` : ''}${node.opType}`);
    const ctx: VjpContext = {
      node,
      opset,
      emitter,
      reluMode: req.reluMode ?? 'standard',
      noteGuidedGate: () => {
        guidedGates++;
      },
      gradOutput: (i) => {
        const o = node.output[i];
        return o ? accumulate(o) : undefined;
      },
      needsGrad: (i) => wanted[i] === true,
      facts: factsOf,
      constantValue,
      producerOf: (t) => {
        const pi = producer.get(t);
        return pi === undefined ? undefined : g.node[pi];
      },
      usedOnlyHere: (t) =>
        (consumers.get(t) ?? []).length === 1 &&
        consumers.get(t)![0] === idx &&
        t !== output &&
        !req.wrt.includes(t) &&
        !(req.expose ?? []).includes(t) &&
        !g.output.some((o) => o.name === t),
      attrInt: (name, fallback) => attr(node, name)?.i ?? fallback,
      attrInts: (name, fallback) => attr(node, name)?.ints ?? [...fallback],
      attrFloat: (name, fallback) => attr(node, name)?.f ?? fallback,
      attrString: (name, fallback) => {
        const s = attr(node, name)?.s;
        return s ? new TextDecoder().decode(s) : fallback;
      },
      unsupported,
    };
    const grads = rule!(ctx);
    node.input.forEach((inp, i) => {
      if (!wanted[i]) return;
      const gname = grads[i];
      if (gname === undefined) return; // identically zero (e.g. a comparison's gradient)
      contributions.set(inp, [...(contributions.get(inp) ?? []), gname]);
    });
  }

  const gradients: Record<string, string> = {};
  const outputs = [{ name: output, elemType: TensorDataType.FLOAT }];
  for (const t of req.expose ?? []) if (t !== output) outputs.push({ name: t, elemType: TensorDataType.FLOAT });
  for (const w of req.wrt) {
    let gname = accumulate(w);
    if (gname === undefined) gname = emitter.op('ConstantOfShape', [emitter.shapeOf(w)]);
    // A graph output name must be produced by a node of its own: name the gradient after the tensor.
    const named = `lbx/grad/${w}`;
    emitter.nodes.push({
      opType: 'Identity',
      input: [gname],
      output: [named],
      name: `lbx/grad_out/${w}`,
      domain: '',
      attribute: [],
    });
    gradients[w] = named;
    outputs.push({ name: named, elemType: TensorDataType.FLOAT });
  }
  const seedFacts = factsOf(output);
  const augmented: OnnxModel = {
    ...model,
    graph: {
      ...g,
      node: [...g.node, ...emitter.nodes],
      initializer: [...g.initializer, ...emitter.initializers],
      input: [
        ...g.input,
        {
          name: SEED_INPUT,
          elemType: TensorDataType.FLOAT,
          shape: seedFacts.dims.map((d, i) => (seedFacts.dynamic[i] ? { param: 'batch' } : { value: d })),
        },
      ],
      output: outputs,
      valueInfo: [],
    },
  };
  return { model: augmented, seedInput: SEED_INPUT, gradients, opsOnPath: [...opsOnPath].sort(), guidedGates };
}
