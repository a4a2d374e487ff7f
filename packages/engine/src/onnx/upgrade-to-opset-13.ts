import { makeAttribute, makeNode } from './make-model';
import type { OnnxAttribute, OnnxModel, OnnxNode, OnnxTensor } from './onnx-types';
import { makeInt64Tensor } from './tensor-data';

/** The oldest default-domain opset Lightbox reads, upgrading it to 13 (see upgradeToOpset13). */
export const OLDEST_UPGRADABLE_OPSET = 11;

const isDefaultDomain = (domain: string) => domain === '' || domain === 'ai.onnx';

/** The model's default-domain opset version (0 when it declares none). */
export function defaultOpset(model: OnnxModel): number {
  return model.opsetImport.find((o) => isDefaultDomain(o.domain))?.version ?? 0;
}

/**
 * The same graph stated in opset 13, for models exported at opset 11 or 12 (older PyTorch and tf2onnx defaults).
 * Between 11 and 13 only these classifier ops changed meaning or form, and each is rewritten to its exact
 * equivalent: ReduceSum, Squeeze, Unsqueeze and Split take their axes / split sizes as an input instead of an
 * attribute; Softmax, LogSoftmax and Hardmax normalised over all dims from `axis` on (the input coerced to 2-D) and
 * become Flatten(axis) → op(axis 1) → Reshape to the input's shape. Every other op of opset 11–12 means the same
 * at 13 (later versions only added types). Models already at 13 or later, or older than 11, come back unchanged.
 */
export function upgradeToOpset13(model: OnnxModel): OnnxModel {
  const from = defaultOpset(model);
  if (from >= 13 || from < OLDEST_UPGRADABLE_OPSET) return model;
  const taken = new Set(model.graph.node.flatMap((n) => [...n.input, ...n.output]));
  for (const t of model.graph.initializer) taken.add(t.name);
  for (const i of model.graph.input) taken.add(i.name);
  const fresh = (stem: string) => {
    let name = `lightbox_opset13/${stem}`;
    for (let k = 1; taken.has(name); k++) name = `lightbox_opset13/${stem}_${k}`;
    taken.add(name);
    return name;
  };
  const initializers: OnnxTensor[] = [];
  const ints = (stem: string, values: readonly number[]) => {
    const name = fresh(stem);
    initializers.push(makeInt64Tensor(name, [values.length], values));
    return name;
  };
  const without = (node: OnnxNode, attr: string): OnnxAttribute[] => node.attribute.filter((a) => a.name !== attr);
  const attrInts = (node: OnnxNode, attr: string) => node.attribute.find((a) => a.name === attr)?.ints;

  const nodes = model.graph.node.flatMap((node): OnnxNode[] => {
    if (!isDefaultDomain(node.domain)) return [node];
    const id = node.name || node.output[0] || node.opType;
    switch (node.opType) {
      case 'ReduceSum':
      case 'Squeeze':
      case 'Unsqueeze': {
        const axes = attrInts(node, 'axes');
        if (!axes) return [node];
        return [{ ...node, input: [node.input[0]!, ints(`${id}/axes`, axes)], attribute: without(node, 'axes') }];
      }
      case 'Split': {
        const split = attrInts(node, 'split');
        if (!split) return [node];
        return [{ ...node, input: [node.input[0]!, ints(`${id}/split`, split)], attribute: without(node, 'split') }];
      }
      case 'Softmax':
      case 'LogSoftmax':
      case 'Hardmax': {
        const axis = Number(node.attribute.find((a) => a.name === 'axis')?.i ?? 1);
        const x = node.input[0]!;
        const shape = fresh(`${id}/shape`);
        const flat = fresh(`${id}/flat`);
        const normalised = fresh(`${id}/2d`);
        return [
          makeNode('Shape', [x], [shape], {}, shape),
          makeNode('Flatten', [x], [flat], { axis }, flat),
          { ...node, input: [flat], output: [normalised], attribute: [makeAttribute('axis', 1)] },
          makeNode('Reshape', [normalised, shape], [node.output[0]!], {}, `${id}/reshape`),
        ];
      }
      default:
        return [node];
    }
  });
  return {
    ...model,
    opsetImport: model.opsetImport.map((o) => (isDefaultDomain(o.domain) ? { ...o, version: 13 } : o)),
    graph: { ...model.graph, node: nodes, initializer: [...model.graph.initializer, ...initializers] },
  };
}
