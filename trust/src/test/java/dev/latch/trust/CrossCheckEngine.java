package dev.latch.trust;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.List;

/**
 * What the JDK's own trust manager sees of a TLS 1.3 client connection in the middle of its
 * handshake, without running one: the peer host, endpoint identification "HTTPS", protocol
 * TLSv1.3, and the signature algorithms a default JDK 25 client accepts in certificates. The
 * JDK's {@code X509TrustManagerImpl.checkServerTrusted(chain, authType, SSLEngine)} refuses an
 * engine without a handshake session ("No handshake session"), and a real handshake would drag in
 * the server side's own certificate checks; this engine gives the trust manager exactly the inputs
 * a real handshake would, so all the deciding (PKIX path validation, algorithm constraints, the
 * end-entity checks for TLS servers, host name matching by {@code sun.security.util.HostnameChecker})
 * is the JDK's own code. Nothing here is ever sent anywhere: wrap and unwrap are never called.
 */
final class CrossCheckEngine extends SSLEngine {
    /**
     * The JCA names of the signature schemes a default JDK 25 client accepts in certificates
     * (sun.security.ssl.SignatureScheme, certificate scope): all of them but MD5withRSA, which
     * jdk.tls.disabledAlgorithms disables; its rsa_pkcs1_sha1 and ecdsa_sha1 entries say "usage
     * HandshakeSignature", so they do not apply to certificates. This is what
     * {@code ExtendedSSLSession.getLocalSupportedSignatureAlgorithms()} returns in the handshake
     * session of a default client, and what the trust manager checks certificate signatures against.
     */
    static final String[] DEFAULT_CLIENT_CERT_SIGNATURE_ALGORITHMS = {
            "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "Ed25519", "Ed448", "RSASSA-PSS",
            "SHA256withRSA", "SHA384withRSA", "SHA512withRSA", "SHA256withDSA", "SHA224withECDSA", "SHA224withRSA",
            "SHA224withDSA", "SHA1withECDSA", "SHA1withRSA", "SHA1withDSA"};

    private final SSLParameters parameters = new SSLParameters();
    private final Session session;

    CrossCheckEngine(String peerHost) {
        super(peerHost, 443);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        this.session = new Session(peerHost);
    }

    @Override
    public SSLSession getHandshakeSession() {
        return session;
    }

    @Override
    public SSLParameters getSSLParameters() {
        return parameters;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        throw new UnsupportedOperationException("a stand-in for the trust manager only");
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException("a stand-in for the trust manager only");
    }

    @Override
    public Runnable getDelegatedTask() {
        return null;
    }

    @Override
    public void closeInbound() {
    }

    @Override
    public boolean isInboundDone() {
        return false;
    }

    @Override
    public void closeOutbound() {
    }

    @Override
    public boolean isOutboundDone() {
        return false;
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return new String[] {"TLS_AES_128_GCM_SHA256"};
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return getSupportedCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
    }

    @Override
    public String[] getSupportedProtocols() {
        return new String[] {"TLSv1.3"};
    }

    @Override
    public String[] getEnabledProtocols() {
        return getSupportedProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
    }

    @Override
    public SSLSession getSession() {
        return session;
    }

    @Override
    public void beginHandshake() {
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return SSLEngineResult.HandshakeStatus.NEED_UNWRAP;
    }

    @Override
    public void setUseClientMode(boolean mode) {
    }

    @Override
    public boolean getUseClientMode() {
        return true;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
    }

    @Override
    public boolean getNeedClientAuth() {
        return false;
    }

    @Override
    public void setWantClientAuth(boolean want) {
    }

    @Override
    public boolean getWantClientAuth() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
    }

    @Override
    public boolean getEnableSessionCreation() {
        return true;
    }

    /** The handshake session: peer host, TLS 1.3, no SNI list (the trust manager then matches the peer host). */
    private static final class Session extends ExtendedSSLSession {
        private final String peerHost;

        Session(String peerHost) {
            this.peerHost = peerHost;
        }

        @Override
        public String[] getLocalSupportedSignatureAlgorithms() {
            return DEFAULT_CLIENT_CERT_SIGNATURE_ALGORITHMS.clone();
        }

        @Override
        public String[] getPeerSupportedSignatureAlgorithms() {
            return DEFAULT_CLIENT_CERT_SIGNATURE_ALGORITHMS.clone();
        }

        @Override
        public List<SNIServerName> getRequestedServerNames() {
            return List.of();
        }

        /** No stapled OCSP responses: revocation is decided by the trust manager's own parameters. */
        @Override
        public List<byte[]> getStatusResponses() {
            return List.of();
        }

        @Override
        public byte[] getId() {
            return new byte[0];
        }

        @Override
        public SSLSessionContext getSessionContext() {
            return null;
        }

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public long getLastAccessedTime() {
            return 0;
        }

        @Override
        public void invalidate() {
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public void putValue(String name, Object value) {
        }

        @Override
        public Object getValue(String name) {
            return null;
        }

        @Override
        public void removeValue(String name) {
        }

        @Override
        public String[] getValueNames() {
            return new String[0];
        }

        @Override
        public Certificate[] getPeerCertificates() {
            return new Certificate[0];
        }

        @Override
        public Certificate[] getLocalCertificates() {
            return null;
        }

        @Override
        public Principal getPeerPrincipal() {
            return null;
        }

        @Override
        public Principal getLocalPrincipal() {
            return null;
        }

        @Override
        public String getCipherSuite() {
            return "TLS_AES_128_GCM_SHA256";
        }

        @Override
        public String getProtocol() {
            return "TLSv1.3";
        }

        @Override
        public String getPeerHost() {
            return peerHost;
        }

        @Override
        public int getPeerPort() {
            return 443;
        }

        @Override
        public int getPacketBufferSize() {
            return 16_709;
        }

        @Override
        public int getApplicationBufferSize() {
            return 16_384;
        }
    }
}
