import { makeNode } from '../onnx/make-model';
import type { OnnxDim, OnnxModel } from '../onnx/onnx-types';

/**
 * The same classifier seen through an NCHW input: a channels-last graph input `name` [N, H, W, C] becomes an
 * input of the same name shaped [N, C, H, W], transposed to NHWC by one Transpose node for the nodes that read it.
 * Nothing else changes (the transpose is exact), so predictions, gradients and layers are those of the original
 * file, whose bytes keep identifying it; the rest of Lightbox then handles one layout.
 */
export function channelsFirstView(model: OnnxModel, name: string): OnnxModel {
  const original = model.graph.input.find((i) => i.name === name);
  if (original?.shape?.length !== 4) return model;
  const taken = new Set([...model.graph.node.flatMap((n) => [...n.input, ...n.output]), name]);
  let nhwc = `${name}/lightbox_nhwc`;
  while (taken.has(nhwc)) nhwc = `${nhwc}_`;
  const [n, h, w, c] = original.shape as [OnnxDim, OnnxDim, OnnxDim, OnnxDim];
  const rename = (t: string) => (t === name ? nhwc : t);
  return {
    ...model,
    graph: {
      ...model.graph,
      input: model.graph.input.map((i) => (i.name === name ? { ...i, shape: [n, c, h, w] } : i)),
      node: [
        makeNode('Transpose', [name], [nhwc], { perm: [0, 2, 3, 1] }, `${nhwc}/Transpose`),
        ...model.graph.node.map((node) => ({ ...node, input: node.input.map(rename) })),
      ],
      valueInfo: model.graph.valueInfo.filter((v) => v.name !== name),
      // A graph output that is the input itself stays the NHWC tensor the original graph returned.
      output: model.graph.output.map((o) => (o.name === name ? { ...o, name: nhwc } : o)),
    },
  };
}
