import SwiftASN1
import Wire
import X509

/// The DNS names and IP addresses `certificate` is valid for, in its order; empty without the extension.
public func sanStrings(_ certificate: Certificate) throws -> [String] {
    let names = try certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames()
    return names.compactMap { name -> String? in
        switch name {
        case .dnsName(let dns): return dns
        case .ipAddress(let octets): return IPAddressLiteral.format(Array(octets.bytes))
        default: return nil
        }
    }
}
