export declare const SOURCE_CONDITION: '@autodoctor/source';
export declare const sourceResolve: {
  resolve: { conditions: string[] };
  ssr: { resolve: { conditions: string[] } };
};
