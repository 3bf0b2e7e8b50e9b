import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { textAt, type TextPath } from "../../shared/meeting";

const WORDS = "the committee noted the report and asked officers to bring back figures on waiting times in the spring ".split("");

/** A colleague in another browser: a stock y-websocket provider typing into one text, with a caret as the app shows it. */
export class RemoteClerk {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Keystrokes sent since the last `take()`. */
  private sent = 0;

  constructor(
    wsUrl: string,
    meetingId: string,
    token: string,
    readonly itemId: string,
    readonly path: TextPath,
    name: string,
  ) {
    this.provider = new WebsocketProvider(wsUrl, meetingId, this.doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    // What the app publishes: who, on which item, and (after each key) where the caret is.
    this.provider.awareness.setLocalStateField("user", { name, color: "#7a3e9d" });
    this.provider.awareness.setLocalStateField("itemId", itemId);
  }

  /** Resolves once the provider has the server's state. */
  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const handler = (isSynced: boolean) => {
        if (!isSynced) return;
        this.provider.off("sync", handler);
        resolve();
      };
      this.provider.on("sync", handler);
    });
  }

  /** One keystroke at the end of the text, then the caret after it. */
  key(): void {
    const text = textAt(this.doc, this.path);
    if (!text) throw new Error(`remote clerk: no text at ${this.path.join("/")}`);
    const ch = WORDS[this.next++ % WORDS.length]!;
    this.doc.transact(() => text.insert(text.length, ch));
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
    this.provider.awareness.setLocalStateField("cursor", { key: this.path.join("/"), anchor: at, head: at });
    this.sent++;
  }

  /** Types `perSecond` keys a second, each interval jittered by up to a fifth, until `stop()`. */
  start(perSecond: number): void {
    this.stop();
    const tick = () => {
      this.key();
      this.timer = setTimeout(tick, (1000 / perSecond) * (0.8 + Math.random() * 0.4));
    };
    this.timer = setTimeout(tick, Math.random() * (1000 / perSecond));
  }

  /** Stops typing. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Keystrokes sent since the last call. */
  take(): number {
    const n = this.sent;
    this.sent = 0;
    return n;
  }

  /** Leaves the meeting. */
  destroy(): void {
    this.stop();
    this.provider.destroy();
    this.doc.destroy();
  }
}
