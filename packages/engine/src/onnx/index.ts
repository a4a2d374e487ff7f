export * from './decode-onnx-model';
export * from './encode-onnx-model';
export * from './make-model';
export * from './onnx-types';
export * from './tensor-data';
