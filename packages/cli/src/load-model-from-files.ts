import { basename } from 'node:path';
import { Classifier, type RuntimeOptions } from '@lightbox/engine';
import { readInputFile, readJsonFile } from './read-input-file';

/** Loads `--model` (and `--card` if given) into a Classifier; prints what was assumed when there is no card. */
export async function loadModelFromFiles(
  modelPath: string,
  cardPath: string | undefined,
  runtime: RuntimeOptions,
): Promise<Classifier> {
  const bytes = await readInputFile(modelPath, 'model file');
  const card = cardPath === undefined ? undefined : await readJsonFile(cardPath, 'model card');
  const model = await Classifier.load(bytes, {
    card,
    fallbackName: basename(modelPath).replace(/\.onnx$/i, ''),
    runtime,
  });
  for (const a of model.assumptions) process.stderr.write(`note: ${a}\n`);
  return model;
}
