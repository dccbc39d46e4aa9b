/** Marks a method as deprecated: the first call prints the message. */
export function deprecated(message: string) {
  return (_target: object, key: string, descriptor: PropertyDescriptor): void => {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    let warned = false;
    descriptor.value = function (this: unknown, ...args: unknown[]) {
      if (!warned) {
        warned = true;
        console.warn(`${key} is deprecated: ${message}`);
      }
      return original.apply(this, args);
    };
  };
}
