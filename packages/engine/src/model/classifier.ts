import { createHash } from 'node:crypto';
import { LightboxError, type TModelCard } from '@lightbox/contracts';
import * as ort from 'onnxruntime-node';
import type { DecodedImage } from '../image/decoded-image';
import { decodeOnnxModel } from '../onnx/decode-onnx-model';
import { encodeOnnxModel } from '../onnx/encode-onnx-model';
import type { OnnxModel } from '../onnx/onnx-types';
import { upgradeToOpset13 } from '../onnx/upgrade-to-opset-13';
import { preprocessImage } from '../preprocess/preprocess-image';
import { applyActivation } from './activation';
import { channelsFirstView } from './channels-first-view';
import { graphInfo } from './graph-info';
import type { TInputLayout } from './input-layout';
import { resolveCard } from './resolve-card';
import { createSession, type RuntimeOptions } from './runtime-options';

export interface Prediction {
  readonly logits: number[];
  /** Per label, after the card's temperature and activation. */
  readonly scores: number[];
}

export interface LoadClassifierOptions {
  /** The card as parsed JSON (validated here); omit to infer from the graph. */
  readonly card?: unknown;
  /** Used as the model name when there is no card. */
  readonly fallbackName?: string;
  readonly runtime?: RuntimeOptions;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * An ONNX classifier with its card, loaded once and reused. Its identity is the SHA-256 of the ONNX bytes.
 * Loading checks the card against the graph and runs one probe inference on a zero image, so a model that
 * loads is a model that runs.
 */
export class Classifier {
  private constructor(
    readonly bytes: Uint8Array,
    readonly sha256: string,
    /**
     * The graph Lightbox runs: the file's own, restated in opset 13 when it is 11 or 12 (upgradeToOpset13) and seen
     * through channelsFirstView when its input is channels-last; the same function either way.
     */
    readonly onnx: OnnxModel,
    readonly card: TModelCard,
    readonly assumptions: readonly string[],
    readonly session: ort.InferenceSession,
    /** Largest batch the graph accepts in one run (1 when the batch dimension is fixed at 1). */
    readonly maxBatch: number,
    /** The file's input layout; inputs, attributions and layers are NCHW either way. */
    readonly inputLayout: TInputLayout,
  ) {}

  static async load(bytes: Uint8Array, options: LoadClassifierOptions = {}): Promise<Classifier> {
    const decoded = decodeOnnxModel(bytes);
    if (decoded.graph.node.length === 0) throw new LightboxError('INVALID_MODEL', 'The model graph has no nodes.');
    const info = graphInfo(decoded);
    const resolved = resolveCard(info, options.card, options.fallbackName ?? 'model');
    let { card } = resolved;
    const upgraded = upgradeToOpset13(decoded);
    const onnx = resolved.layout === 'NHWC' ? channelsFirstView(upgraded, card.input.name) : upgraded;
    const session = await createSession(onnx === decoded ? bytes : encodeOnnxModel(onnx), options.runtime);
    const inputVi = info.inputs.find((i) => i.name === card.input.name);
    const batchDim = inputVi?.shape?.[0]?.value;
    const maxBatch = batchDim !== undefined && batchDim > 0 ? batchDim : Number.POSITIVE_INFINITY;
    // Probe run: confirms the model runs and gives the true output width.
    const { channels, height, width } = card.input;
    const probeBatch = Number.isFinite(maxBatch) ? maxBatch : 1;
    const feeds: Record<string, ort.Tensor> = {};
    feeds[card.input.name] = new ort.Tensor('float32', new Float32Array(probeBatch * channels * height * width), [
      probeBatch,
      channels,
      height,
      width,
    ]);
    for (const other of info.inputs) {
      if (other.name !== card.input.name) {
        throw new LightboxError(
          'INVALID_MODEL',
          `The model has a second input "${other.name}"; Lightbox runs classifiers with one image input.`,
        );
      }
    }
    let out: ort.Tensor | undefined;
    try {
      out = (await session.run(feeds, [card.output.name]))[card.output.name];
    } catch (e) {
      await session.release();
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new LightboxError('INVALID_MODEL', `The model failed on a ${channels}×${height}×${width} input: ${msg}`, {
        cause: e,
      });
    }
    if (out?.dims.length !== 2 || out.type !== 'float32') {
      await session.release();
      throw new LightboxError(
        'INVALID_MODEL',
        `The model is not a classifier: output "${card.output.name}" is ${out?.type} shaped [${out?.dims.join(', ')}]; a classifier outputs float32 [batch, classes].`,
      );
    }
    const outWidth = out.dims[1]!;
    if (resolved.assumptions.length > 0 && card.labels.length !== outWidth) {
      card = {
        ...card,
        labels: Array.from({ length: outWidth }, (_, i) => `class_${i}`),
        task: outWidth === 1 ? 'multilabel' : 'multiclass',
        output: { ...card.output, activation: outWidth === 1 ? 'sigmoid' : 'softmax' },
      };
    } else if (card.labels.length !== outWidth) {
      await session.release();
      throw new LightboxError(
        'INVALID_CARD',
        `Model card field "labels": the card lists ${card.labels.length} labels but output "${card.output.name}" has ${outWidth} values per image.`,
        { details: { field: 'labels' } },
      );
    }
    return new Classifier(
      bytes,
      sha256Hex(bytes),
      onnx,
      card,
      resolved.assumptions,
      session,
      maxBatch,
      resolved.layout,
    );
  }

  /** Preprocesses decoded images into model inputs (float32 CHW each), per the README's contract. */
  preprocess(image: DecodedImage): Float32Array {
    return preprocessImage(image, this.card.input);
  }

  /** Raw logits for a batch of preprocessed inputs, run in as few onnxruntime calls as the graph allows. */
  async logits(inputs: readonly Float32Array[]): Promise<Float32Array[]> {
    const { channels, height, width } = this.card.input;
    const per = channels * height * width;
    const results: Float32Array[] = [];
    const step = Number.isFinite(this.maxBatch) ? this.maxBatch : inputs.length;
    for (let start = 0; start < inputs.length; start += step) {
      const chunk = inputs.slice(start, start + step);
      const data = new Float32Array(chunk.length * per);
      chunk.forEach((x, i) => {
        if (x.length !== per)
          throw new LightboxError(
            'INVALID_ARGUMENT',
            `An input has ${x.length} values; the model takes ${channels}×${height}×${width} = ${per}.`,
          );
        data.set(x, i * per);
      });
      const feeds = {
        [this.card.input.name]: new ort.Tensor('float32', data, [chunk.length, channels, height, width]),
      };
      const out = (await this.session.run(feeds, [this.card.output.name]))[this.card.output.name]!;
      const k = out.dims[1]!;
      const values = out.data as Float32Array;
      for (let i = 0; i < chunk.length; i++) results.push(values.slice(i * k, (i + 1) * k));
    }
    return results;
  }

  async predict(inputs: readonly Float32Array[]): Promise<Prediction[]> {
    const all = await this.logits(inputs);
    return all.map((l) => ({ logits: Array.from(l), scores: applyActivation(l, this.card) }));
  }

  async predictImages(images: readonly DecodedImage[]): Promise<Prediction[]> {
    return this.predict(images.map((im) => this.preprocess(im)));
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
