import { LightboxError } from '@lightbox/contracts';
import { Classifier } from '@lightbox/engine';
import { decodeImage } from '@lightbox/engine/image/index';
import { encodeFloatPng } from '@lightbox/engine/render/encode-png';
import { deidentifyDicom } from '../deidentify/deidentify-dicom';

/**
 * CPU-bound work the API hands to its child processes (cpu-pool.ts), so its event loop stays free and a model that
 * crashes or hangs the runtime takes down only a child. Arguments and results cross the process boundary by
 * structured clone.
 */
export const CPU_TASKS = {
  /** Loads the model with its card (which checks the card against the graph and runs a probe on zeros), then runs
   * one inference on a synthetic image and checks the scores are finite. */
  async validateModel(args: { bytes: Uint8Array; card: unknown }) {
    const classifier = await Classifier.load(args.bytes, { card: args.card });
    try {
      const { channels, height, width } = classifier.card.input;
      const input = new Float32Array(channels * height * width);
      let state = 12_345;
      for (let i = 0; i < input.length; i++) {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        input[i] = (state / 2_147_483_648) * 2 - 1;
      }
      const [prediction] = await classifier.predict([input]);
      if (!prediction?.scores.every(Number.isFinite)) {
        throw new LightboxError('INVALID_MODEL', 'The model produced non-finite scores on a synthetic input');
      }
      return {
        sha256: classifier.sha256,
        card: classifier.card,
        assumptions: [...classifier.assumptions],
        syntheticScores: prediction.scores,
      };
    } finally {
      await classifier.dispose();
    }
  },

  /** Decodes the image to check it, and reports what it is. */
  async inspectImage(args: { bytes: Uint8Array; maxPixels: number }) {
    const image = await decodeImage(args.bytes, { maxPixels: args.maxPixels });
    return {
      format: image.info.format,
      width: image.width,
      height: image.height,
      channels: image.channels,
      bitsStored: image.info.bitsStored,
      window: image.info.dicom?.window ?? null,
    };
  },

  /** The image as an 8-bit PNG after decoding (DICOM: modality LUT, window, MONOCHROME1 inversion). */
  async renderImage(args: { bytes: Uint8Array; maxPixels: number; window?: { center: number; width: number } }) {
    const image = await decodeImage(args.bytes, {
      maxPixels: args.maxPixels,
      ...(args.window ? { window: args.window } : {}),
    });
    return encodeFloatPng(image.data, image.width, image.height, image.channels);
  },

  async deidentifyDicom(args: { bytes: Uint8Array; secret: string }) {
    return deidentifyDicom(args.bytes, args.secret);
  },
};

export type TCpuTasks = typeof CPU_TASKS;
export type TCpuTaskName = keyof TCpuTasks;
