// Modules that Vite resolves and tsc cannot see.
declare module '*.css';
declare module '*?url' {
  const url: string;
  export default url;
}

// gifenc ships JavaScript without types: the part the recorder uses.
declare module 'gifenc' {
  interface FrameOptions {
    palette?: number[][];
    delay?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
    repeat?: number;
  }
  interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array<ArrayBuffer>;
  }
  export function GIFEncoder(): Encoder;
}
