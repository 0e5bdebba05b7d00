/** Readable lines for things that happen in a room, shown as `event` messages. */

function withReason(text: string, reason: string | undefined): string {
  const trimmed = reason?.trim() ?? '';
  return trimmed ? `${text} (${trimmed})` : text;
}

export const describe = {
  joined: (nick: string): string => `${nick} joined`,
  left: (nick: string, reason?: string): string => withReason(`${nick} left`, reason),
  quit: (nick: string, reason?: string): string => withReason(`${nick} quit`, reason),
  kicked: (nick: string, by: string, reason?: string): string =>
    withReason(`${nick} was kicked by ${by}`, reason === nick || reason === by ? undefined : reason),
  renamed: (from: string, to: string): string => `${from} is now known as ${to}`,
  topic: (nick: string, topic: string): string =>
    topic ? `${nick} set the topic to ${topic}` : `${nick} cleared the topic`,
  mode: (nick: string, mode: string, target: string): string => `${nick} set mode ${mode} ${target}`,
  modes: (nick: string, modes: string): string => `${nick} set mode ${modes}`,
};
