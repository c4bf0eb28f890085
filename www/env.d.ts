// Modules that Vite resolves and tsc cannot see.
declare module '*.css';
