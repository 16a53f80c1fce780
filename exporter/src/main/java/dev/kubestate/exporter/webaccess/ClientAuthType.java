package dev.kubestate.exporter.webaccess;

import io.vertx.core.http.ClientAuth;

/**
 * The web config's {@code client_auth_type}: Go's {@code tls.ClientAuthType} names, mapped to the
 * JDK engine's request/require and to whether a presented certificate is verified against {@code
 * client_ca_file}.
 */
enum ClientAuthType {
  NoClientCert(ClientAuth.NONE, false),
  RequestClientCert(ClientAuth.REQUEST, false),
  RequireAnyClientCert(ClientAuth.REQUIRED, false),
  VerifyClientCertIfGiven(ClientAuth.REQUEST, true),
  RequireAndVerifyClientCert(ClientAuth.REQUIRED, true);

  final ClientAuth vertx;
  final boolean verifies;

  ClientAuthType(ClientAuth vertx, boolean verifies) {
    this.vertx = vertx;
    this.verifies = verifies;
  }
}
