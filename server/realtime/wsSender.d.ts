import "ws";

// ws exports its frame builder (made public for framing a broadcast once); @types/ws leaves it out.
declare module "ws" {
  /** Options for one frame: unmasked with `mask: false`, as a server sends. */
  interface FrameOptions {
    fin: boolean;
    opcode: number;
    mask: boolean;
    readOnly: boolean;
    rsv1: boolean;
  }
  /** ws's sender; only its static framing is used here. */
  export class Sender {
    /** The frame of `data`: a header buffer and the payload, or the two merged. */
    static frame(data: Buffer, options: FrameOptions): Buffer[];
  }
}
