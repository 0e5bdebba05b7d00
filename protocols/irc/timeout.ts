/** Every await on the network gets a deadline. */
export function withTimeout<T, E>(promise: Promise<T>, ms: number, onTimeout: () => E): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const result = onTimeout();
      if (result === undefined) resolve(undefined as T);
      else reject(result);
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
