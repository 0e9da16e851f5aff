import Cases
import HummingbirdTLS

/// `--tls-cert FILE --tls-key FILE`: the server speaks TLS itself (TLS 1.2 and up), for a
/// centre without a proxy in front. Files that cannot be read or parsed are refused before
/// the server starts; their content never reaches a message.
public enum TLSFiles {
    public static func configuration(certificate: String, key: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let privateKey: NIOSSLPrivateKey
        do { chain = try NIOSSLCertificate.fromPEMFile(certificate) } catch { throw CaunoiError.malformedFile("--tls-cert") }
        do { privateKey = try NIOSSLPrivateKey(file: key, format: .pem) } catch { throw CaunoiError.malformedFile("--tls-key") }
        guard !chain.isEmpty else { throw CaunoiError.malformedFile("--tls-cert") }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
