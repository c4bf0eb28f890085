// Modules that Vite resolves and tsc cannot see.
declare module '*.css';
declare module '*?url' {
  const url: string;
  export default url;
}
