import KubeAPI
import SwiftASN1
import X509

extension DistinguishedName {
    /// A subject with organisation (O) attributes first, then one common name (CN), as Kubernetes
    /// client certificates carry them (`O=system:masters, CN=kubernetes-admin`).
    static func cluster(commonName: String, organizations: [String]) -> DistinguishedName {
        var rdns = organizations.map { organization in
            RelativeDistinguishedName(
                RelativeDistinguishedName.Attribute(
                    type: .RDNAttributeType.organizationName,
                    utf8String: organization
                )
            )
        }
        rdns.append(
            RelativeDistinguishedName(
                RelativeDistinguishedName.Attribute(type: .RDNAttributeType.commonName, utf8String: commonName)
            )
        )
        return DistinguishedName(rdns)
    }

    /// The first common name (CN) attribute, or `nil` if there is none.
    public var clusterCommonName: String? {
        values(of: .RDNAttributeType.commonName).first
    }

    /// Every organisation (O) attribute, in order.
    public var clusterOrganizations: [String] {
        values(of: .RDNAttributeType.organizationName)
    }

    private func values(of type: ASN1ObjectIdentifier) -> [String] {
        flatMap { rdn in
            rdn.filter { $0.type == type }.compactMap { String($0.value) }
        }
    }
}
