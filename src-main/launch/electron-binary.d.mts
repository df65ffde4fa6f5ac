/** The folder of an installed package, resolved from the project. */
export declare const packageDir: (name: string) => string
/** The binary's path when it is installed, else undefined. */
export declare function installedBinary(dir?: string): string | undefined
export declare const missingBinaryReason: string
