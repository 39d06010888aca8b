// Part of the API's schema table (see APISchemaTable.swift): core/v1 ServiceAccounts.

extension APISchema {
    /// The ServiceAccount (its references are the shared ObjectReference and LocalObjectReference).
    static let serviceAccounts: [SchemaDefinition] = [
        resource(
            "ServiceAccount",
            "An identity for the processes that run in pods. Every namespace has one named default; pods run as it "
                + "unless they name another, and get a token for it mounted at "
                + "/var/run/secrets/kubernetes.io/serviceaccount.",
            [
                field(
                    "automountServiceAccountToken", .boolean,
                    "Whether pods running as this account get an API token mounted; unset means yes. A pod's own "
                        + "automountServiceAccountToken wins over it."),
                field(
                    "imagePullSecrets", .array(.ref("LocalObjectReference")),
                    "Secrets with registry credentials, added to the pods that run as this account."),
                field(
                    "secrets", .array(.ref("ObjectReference")),
                    "Secrets the account's pods may use. Kept for older clients; kcluster does not enforce it."),
            ]),
    ]
}
