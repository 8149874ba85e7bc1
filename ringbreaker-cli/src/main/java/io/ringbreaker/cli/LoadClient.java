package io.ringbreaker.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A lean HTTP/1.1 load generator for {@code bench}: keep-alive sockets, requests written as raw
 * bytes, answers read by Content-Length. The JDK's HttpClient costs more CPU per request than the
 * server does, and on a 2-core machine that would measure the client, not Ringbreaker.
 * Only what the benchmark needs: POST, 200-or-not, bodies with Content-Length.
 */
final class LoadClient implements AutoCloseable {

  private final InetSocketAddress address;
  private final byte[] head;
  private final BlockingQueue<Connection> idle;

  LoadClient(URI uri, String apiKey, int maxConnections) {
    this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
    this.head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nAuthorization: Bearer " + apiKey + "\r\nContent-Type: application/json\r\nContent-Length: ")
        .getBytes(StandardCharsets.US_ASCII);
    this.idle = new ArrayBlockingQueue<>(maxConnections);
  }

  /** Sends one request on an idle connection (opening one if none is idle); returns the status. */
  int post(byte[] body) throws IOException {
    Connection c = idle.poll();
    if (c == null) {
      c = new Connection(address);
    }
    try {
      int status = c.post(head, body);
      if (!idle.offer(c)) {
        c.close();
      }
      return status;
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      c.close();
    }
  }

  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Connection(InetSocketAddress address) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(address, 5_000);
      socket.setSoTimeout(60_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    int post(byte[] head, byte[] body) throws IOException {
      byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[head.length + length.length + body.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(length, 0, request, head.length, length.length);
      System.arraycopy(body, 0, request, head.length + length.length, body.length);
      out.write(request);
      out.flush();
      String statusLine = line();
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long contentLength = -1;
      boolean chunked = false;
      String h;
      while (!(h = line()).isEmpty()) {
        int colon = h.indexOf(':');
        String name = h.substring(0, colon).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          contentLength = Long.parseLong(h.substring(colon + 1).trim());
        } else if (name.equalsIgnoreCase("Transfer-Encoding") && h.toLowerCase().contains("chunked")) {
          chunked = true;
        }
      }
      if (chunked) {
        long size;
        while ((size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0) {
          skip(size);
          line();
        }
        line();
      } else if (contentLength > 0) {
        skip(contentLength);
      }
      return status;
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long k = in.skip(n);
        if (k <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed in the middle of an answer");
          }
          k = 1;
        }
        n -= k;
      }
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder(64);
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          int len = b.length();
          return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
        }
        b.append((char) c);
      }
      throw new IOException("connection closed by the server");
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket we are done with
      }
    }
  }
}
