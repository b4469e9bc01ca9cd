import type { BuildOptions, Plugin } from 'esbuild';

export declare const nodeBuiltinShims: Readonly<Record<string, string>>;
export declare const nodeBuiltinsPlugin: Plugin;
export declare function extensionBuildOptions(options: { production: boolean; outfile: string; entry?: string }): BuildOptions;
