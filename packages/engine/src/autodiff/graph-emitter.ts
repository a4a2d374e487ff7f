import { makeAttribute, type TAttrValue } from '../onnx/make-model';
import type { OnnxNode, OnnxTensor } from '../onnx/onnx-types';
import { makeFloatTensor, makeInt64Tensor } from '../onnx/tensor-data';

/**
 * Appends nodes and constants to a graph under construction with names that cannot collide with the
 * forward graph's (all start with `lbx/`). Int64 constants are shared by value.
 */
export class GraphEmitter {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private counter = 0;
  private readonly int64Cache = new Map<string, string>();
  private readonly shapeCache = new Map<string, string>();

  constructor(private readonly taken: ReadonlySet<string>) {}

  /** A fresh tensor name with a readable stem. */
  fresh(stem: string): string {
    let name: string;
    do name = `lbx/${stem}_${this.counter++}`;
    while (this.taken.has(name));
    return name;
  }

  /** Emits one node and returns its output names. */
  emit(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, TAttrValue> = {},
    outputs = 1,
    stem = opType,
  ): string[] {
    const out = Array.from({ length: outputs }, () => this.fresh(stem));
    this.nodes.push({
      opType,
      input: [...inputs],
      output: out,
      name: this.fresh(`${opType}_node`),
      domain: '',
      attribute: Object.entries(attrs).map(([k, v]) => makeAttribute(k, v)),
    });
    return out;
  }

  /** Emits a node with one output and returns it. */
  op(opType: string, inputs: readonly string[], attrs: Record<string, TAttrValue> = {}): string {
    return this.emit(opType, inputs, attrs, 1)[0]!;
  }

  int64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `${dims.join('x')}:${values.join(',')}`;
    let name = this.int64Cache.get(key);
    if (!name) {
      name = this.fresh('i64');
      this.initializers.push(makeInt64Tensor(name, dims, values));
      this.int64Cache.set(key, name);
    }
    return name;
  }

  float(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const name = this.fresh('f32');
    this.initializers.push(makeFloatTensor(name, dims, values));
    return name;
  }

  scalar(value: number): string {
    return this.float([value], []);
  }

  /** The runtime shape of a tensor (one Shape node per tensor). */
  shapeOf(tensor: string): string {
    let name = this.shapeCache.get(tensor);
    if (!name) {
      name = this.op('Shape', [tensor]);
      this.shapeCache.set(tensor, name);
    }
    return name;
  }
}
