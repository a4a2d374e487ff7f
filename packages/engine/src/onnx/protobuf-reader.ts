import { LightboxError } from '@lightbox/contracts';

/** A minimal protobuf wire-format reader (varint, 64-bit, length-delimited, 32-bit). */
export class ProtobufReader {
  pos: number;
  readonly end: number;
  private readonly view: DataView;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private fail(what: string): never {
    throw new LightboxError('INVALID_MODEL', `The ONNX file is not a valid protobuf: ${what} at byte ${this.pos}`);
  }

  varint(): number {
    let result = 0;
    let shift = 1;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * shift;
      if (b < 0x80) {
        if (result < 2 ** 53) return result;
        // Negative int64 values are encoded as 10-byte two's complement, beyond a double's exact range
        // (−1 would round to 2⁶⁴ and come out as 0): decode those bytes again exactly.
        let big = 0n;
        for (let k = this.pos - 1; k >= start; k--) big = (big << 7n) | BigInt(this.buf[k]! & 0x7f);
        return Number(BigInt.asIntN(64, big));
      }
      shift *= 128;
    }
    return this.fail('overlong varint');
  }

  tag(): { field: number; wire: number } {
    const t = this.varint();
    return { field: Math.floor(t / 8), wire: t & 7 };
  }

  bytes(): Uint8Array {
    const len = this.varint();
    if (len < 0 || this.pos + len > this.end) this.fail(`length ${len} runs past the end`);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(): string {
    return new TextDecoder().decode(this.bytes());
  }

  float(): number {
    if (this.pos + 4 > this.end) this.fail('truncated float');
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  double(): number {
    if (this.pos + 8 > this.end) this.fail('truncated double');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A sub-reader over one length-delimited field. */
  sub(): ProtobufReader {
    const len = this.varint();
    if (len < 0 || this.pos + len > this.end) this.fail(`message length ${len} runs past the end`);
    const r = new ProtobufReader(this.buf, this.pos, this.pos + len);
    this.pos += len;
    return r;
  }

  /** Repeated scalars arrive packed (wire 2) or one per tag; both are accepted. */
  repeated(wire: number, out: number[], one: () => number): void {
    if (wire === 2) {
      const r = this.sub();
      while (!r.done) out.push(one.call(r));
    } else {
      out.push(one.call(this));
    }
  }

  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2: {
        const len = this.varint();
        this.pos += len;
        break;
      }
      case 5:
        this.pos += 4;
        break;
      default:
        this.fail(`unsupported wire type ${wire}`);
    }
    if (this.pos > this.end) this.fail('field runs past the end');
  }
}
