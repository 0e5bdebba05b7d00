/**
 * The parts of xmpp.js 0.14 (@xmpp/client's transports, untyped upstream) this adapter
 * uses. Only what is declared here may be touched.
 */
declare module '@xmpp/connection-tcp' {
  import Connection from '@xmpp/connection';

  /** RFC 6120 streams over a byte stream: header, footer, the XML parser. */
  export default class ConnectionTCP extends Connection {
    headerElement(): import('@xmpp/xml').Element;
    socketParameters(service: string): unknown;
  }
}

declare module '@xmpp/connection-tcp/Socket.js' {
  import { Socket as NetSocket } from 'node:net';

  /** Plain TCP (`xmpp://`): a net.Socket, which @xmpp/connection drives as its SocketBase. */
  export default class Socket extends NetSocket {
    secure: boolean;
    override write(data: string | Uint8Array, callback?: (error?: Error) => void): boolean;
    override write(data: string | Uint8Array, encoding?: BufferEncoding, callback?: (error?: Error) => void): boolean;
  }
}

declare module '@xmpp/tcp/lib/Connection.js' {
  import ConnectionTCP from '@xmpp/connection-tcp';

  /** Plain TCP and STARTTLS (`xmpp://`), in the `jabber:client` namespace. */
  export default class ConnectionClientTCP extends ConnectionTCP {}
}

declare module '@xmpp/tls/lib/Connection.js' {
  import ConnectionTCP from '@xmpp/connection-tcp';

  /** Direct TLS (`xmpps://`, XEP-0368). */
  export default class ConnectionTLS extends ConnectionTCP {}
}

declare module '@xmpp/tls/lib/Socket.js' {
  import { EventEmitter } from 'node:events';
  import type { ConnectionOptions, TLSSocket } from 'node:tls';

  /** `tls.connect` behind the socket interface @xmpp/connection expects; emits `connect` once secured. */
  export default class Socket extends EventEmitter {
    secure: boolean;
    socket: TLSSocket | null;
    connect(options: ConnectionOptions): void;
    end(): void;
    write(data: string, callback: (error?: Error) => void): void;
  }
}

declare module '@xmpp/sasl-plain' {
  import type SASLFactory from 'saslmechanisms';

  /** Registers RFC 4616 PLAIN (`authzid NUL authcid NUL password`) in the factory. */
  export default function saslPlain(factory: SASLFactory): void;
}
