import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '@lightbox/engine';
import { REPO_ROOT } from '../cli/run-cli';

export interface DemoModelFiles {
  name: string;
  modelPath: string;
  cardPath: string;
  card: {
    labels: string[];
    output: { activation: string };
    input: { channels: number; height: number; width: number };
  };
}

export interface SampleCase {
  id: string;
  file: string;
  format: string;
  task: string;
  labels: string[];
}

export const MODELS_DIR = join(REPO_ROOT, 'models');
export const SAMPLES_DIR = join(REPO_ROOT, 'samples');

export function demoModelFiles(): DemoModelFiles[] {
  return readdirSync(MODELS_DIR)
    .filter((n) => existsSync(join(MODELS_DIR, n, 'model.onnx')))
    .sort()
    .map((name) => {
      const cardPath = join(MODELS_DIR, name, 'card.json');
      return {
        name,
        modelPath: join(MODELS_DIR, name, 'model.onnx'),
        cardPath,
        card: JSON.parse(readFileSync(cardPath, 'utf8')),
      };
    });
}

export function sampleCases(): SampleCase[] {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, 'manifest.json'), 'utf8')) as SampleCase[];
}

export type ReferenceScores = Record<string, Record<string, { logits: number[]; scores: number[] }>>;

export function referenceScores(): ReferenceScores {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, 'reference', 'scores.json'), 'utf8')) as ReferenceScores;
}

export function readNpy(path: string): { data: Float32Array; shape: number[] } {
  return decodeNpy(new Uint8Array(readFileSync(path)));
}

/** Stored PyTorch gradients: samples/reference/grad/<model>/<sample-id>.target-<k>.npy. */
export function referenceGradients(
  model: string,
): { sampleId: string; target: number; path: string; inputPath: string }[] {
  const dir = join(SAMPLES_DIR, 'reference', 'grad', model);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^(.*)\.target-(\d+)\.npy$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      sampleId: m[1]!,
      target: Number(m[2]),
      path: join(dir, m[0]),
      inputPath: join(SAMPLES_DIR, 'reference', 'preprocessed', model, `${m[1]}.npy`),
    }));
}
