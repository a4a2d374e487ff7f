import { LightboxError } from '@lightbox/contracts';
import * as ort from 'onnxruntime-node';
import { buildBackwardGraph } from '../autodiff/build-backward-graph';
import { probeShapeTable } from '../autodiff/probe-shape-table';
import type { ShapeTable } from '../autodiff/shape-table';
import type { Classifier } from '../model/classifier';
import { createSession, type RuntimeOptions } from '../model/runtime-options';
import { encodeOnnxModel } from '../onnx/encode-onnx-model';
import { addPathInputs, PATH_NAMES } from './add-path-inputs';
import { throwIfAborted } from './cancellation';

export interface GradientSessionOptions {
  /** Differentiate w.r.t. the model input. */
  readonly inputGradients: boolean;
  /** Also return this activation and the gradient w.r.t. it (CAM methods). */
  readonly layer?: string;
  readonly reluMode?: 'standard' | 'guided';
  /**
   * Path mode (integrated gradients): the model input is start + α·delta and each run returns the weighted
   * sum of the input gradients over its points (addPathInputs); use `integratePath`, not `run`.
   */
  readonly path?: boolean;
  /** Largest batch per onnxruntime call (default 16). */
  readonly maxBatch?: number;
  readonly runtime?: RuntimeOptions;
  /** A shape table already probed for this model (shared between sessions of one model). */
  readonly shapes?: ShapeTable;
}

export interface GradientRun {
  readonly logits: Float32Array[];
  readonly inputGradients?: Float32Array[];
  readonly activations?: Float32Array[];
  readonly activationGradients?: Float32Array[];
  /** [C, h, w] of the layer (per image). */
  readonly activationDims?: readonly number[];
}

/**
 * One onnxruntime session over the forward graph plus its backward graph, for one model and one choice of
 * (input gradients?, layer, ReLU mode). `run` takes preprocessed inputs and one seed vector per input
 * (e.g. one-hot for a target class) and returns logits, gradients and activations, batched.
 */
export class GradientSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly classifier: Classifier,
    private readonly names: { seed: string; inputGrad?: string; layer?: string; layerGrad?: string; path?: boolean },
    readonly layerDims: readonly number[] | undefined,
    private readonly maxBatch: number,
    /** In guided mode, how many activations gate the gradient (0: guided equals the plain gradient). */
    readonly guidedGates: number,
  ) {}

  static async create(classifier: Classifier, o: GradientSessionOptions): Promise<GradientSession> {
    const { card } = classifier;
    const shapes =
      o.shapes ??
      (await probeShapeTable(
        classifier.onnx,
        { name: card.input.name, chw: [card.input.channels, card.input.height, card.input.width] },
        o.runtime,
      ));
    const wrt: string[] = [];
    if (o.inputGradients) wrt.push(card.input.name);
    if (o.layer) {
      const f = shapes.get(o.layer);
      if (f?.type !== 'float32')
        throw new LightboxError(
          'INVALID_ARGUMENT',
          `Layer "${o.layer}" is not a float tensor of the model; run \`lightbox layers\` to see the candidates.`,
        );
      if (f.dims.length !== 4)
        throw new LightboxError(
          'INVALID_ARGUMENT',
          `Layer "${o.layer}" has shape [${f.dims.join(', ')}]; CAM methods need a 4-D [N, C, h, w] activation.`,
        );
      wrt.push(o.layer);
    }
    const bg = buildBackwardGraph({
      model: classifier.onnx,
      output: card.output.name,
      wrt,
      expose: o.layer ? [o.layer] : [],
      shapes,
      reluMode: o.reluMode ?? 'standard',
    });
    if (o.path && !o.inputGradients)
      throw new LightboxError('INTERNAL', 'a path-integral gradient session needs input gradients');
    const model = o.path
      ? addPathInputs(bg.model, card.input.name, bg.gradients[card.input.name]!, [
          card.input.channels,
          card.input.height,
          card.input.width,
        ])
      : bg.model;
    const session = await createSession(encodeOnnxModel(model), o.runtime);
    const names = {
      seed: bg.seedInput,
      ...(o.path ? { path: true } : {}),
      ...(o.inputGradients ? { inputGrad: bg.gradients[card.input.name]! } : {}),
      ...(o.layer ? { layer: o.layer, layerGrad: bg.gradients[o.layer]! } : {}),
    };
    const batchCap = Number.isFinite(classifier.maxBatch) ? classifier.maxBatch : (o.maxBatch ?? 16);
    return new GradientSession(
      session,
      classifier,
      names,
      o.layer ? shapes.get(o.layer)!.dims.slice(1) : undefined,
      batchCap,
      bg.guidedGates,
    );
  }

  /** Runs inputs (CHW each) with seeds (one per input, length = number of labels), in batches. */
  async run(
    inputs: readonly Float32Array[],
    seeds: readonly Float32Array[],
    signal?: AbortSignal,
  ): Promise<GradientRun> {
    if (this.names.path) throw new LightboxError('INTERNAL', 'a path-mode session runs through integratePath');
    const { channels, height, width } = this.classifier.card.input;
    const per = channels * height * width;
    const k = this.classifier.card.labels.length;
    const out = {
      logits: [] as Float32Array[],
      inputGradients: [] as Float32Array[],
      activations: [] as Float32Array[],
      activationGradients: [] as Float32Array[],
    };
    const layerSize = this.layerDims ? this.layerDims.reduce((a, d) => a * d, 1) : 0;
    for (let start = 0; start < inputs.length; start += this.maxBatch) {
      throwIfAborted(signal);
      const n = Math.min(this.maxBatch, inputs.length - start);
      const x = new Float32Array(n * per);
      const s = new Float32Array(n * k);
      for (let i = 0; i < n; i++) {
        x.set(inputs[start + i]!, i * per);
        s.set(seeds[start + i]!, i * k);
      }
      const fetches = [
        this.classifier.card.output.name,
        this.names.inputGrad,
        this.names.layer,
        this.names.layerGrad,
      ].filter((v): v is string => !!v);
      const res = await this.session.run(
        {
          [this.classifier.card.input.name]: new ort.Tensor('float32', x, [n, channels, height, width]),
          [this.names.seed]: new ort.Tensor('float32', s, [n, k]),
        },
        fetches,
      );
      const split = (name: string | undefined, size: number, into: Float32Array[]) => {
        if (!name) return;
        const data = res[name]!.data as Float32Array;
        for (let i = 0; i < n; i++) into.push(data.slice(i * size, (i + 1) * size));
      };
      split(this.classifier.card.output.name, k, out.logits);
      split(this.names.inputGrad, per, out.inputGradients);
      split(this.names.layer, layerSize, out.activations);
      split(this.names.layerGrad, layerSize, out.activationGradients);
    }
    return {
      logits: out.logits,
      ...(this.names.inputGrad ? { inputGradients: out.inputGradients } : {}),
      ...(this.names.layer
        ? {
            activations: out.activations,
            activationGradients: out.activationGradients,
            activationDims: this.layerDims!,
          }
        : {}),
    };
  }

  /**
   * Σ_k weights[k] · ∇f(start + alphas[k]·delta), f = ⟨seed, output⟩, over all points, batched; the points
   * and the sum are formed inside the graph (path mode only). Progress after each batch, cancellation between.
   */
  async integratePath(
    start: Float32Array,
    delta: Float32Array,
    alphas: readonly number[],
    weights: readonly number[],
    seed: Float32Array,
    signal?: AbortSignal,
    onProgress?: (fraction: number) => void,
  ): Promise<Float32Array> {
    if (!this.names.path) throw new LightboxError('INTERNAL', 'integratePath needs a session created with path: true');
    const { channels, height, width } = this.classifier.card.input;
    const image = [1, channels, height, width];
    const k = seed.length;
    const perPoint = (v: readonly number[]) => new ort.Tensor('float32', Float32Array.from(v), [v.length, 1, 1, 1]);
    const sum = new Float64Array(start.length);
    for (let first = 0; first < alphas.length; first += this.maxBatch) {
      throwIfAborted(signal);
      const n = Math.min(this.maxBatch, alphas.length - first);
      const seeds = new Float32Array(n * k);
      for (let i = 0; i < n; i++) seeds.set(seed, i * k);
      const res = await this.session.run(
        {
          [PATH_NAMES.start]: new ort.Tensor('float32', start, image),
          [PATH_NAMES.delta]: new ort.Tensor('float32', delta, image),
          [PATH_NAMES.alpha]: perPoint(alphas.slice(first, first + n)),
          [PATH_NAMES.weight]: perPoint(weights.slice(first, first + n)),
          [this.names.seed]: new ort.Tensor('float32', seeds, [n, k]),
        },
        [PATH_NAMES.output],
      );
      const part = res[PATH_NAMES.output]!.data as Float32Array;
      for (let i = 0; i < sum.length; i++) sum[i]! += part[i]!;
      onProgress?.((first + n) / alphas.length);
    }
    return Float32Array.from(sum);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
