/** Host messages start with the node's name ("orders: Binder Error: ..."); where the node is already named on screen, drop it. */
export function withoutNodePrefix(message: string, node: string): string {
  const prefix = `${node}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
