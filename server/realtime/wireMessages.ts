import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import { MESSAGE } from "../../shared/protocol/closeCodes";

/** One y-websocket frame: its message type, then what `write` puts after it. */
export function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket permission-denied frame: how a refusal reaches any stock client. */
export function denial(reason: string): Uint8Array {
  return message(MESSAGE.auth, (e) => authProtocol.writePermissionDenied(e, reason));
}
