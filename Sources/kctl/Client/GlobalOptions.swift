import ArgumentParser
import KubeAPI
import Wire

/// Options every command that talks to the control plane takes, as kubectl's global flags.
///
/// `-n` also takes its value joined (`-nkube-system`) or after `=` (`-n=x`), as kubectl's does.
struct GlobalOptions: ParsableArguments {
    static let kubeconfigHelp = "Path to the kubeconfig file to use (else $KUBECONFIG, else ~/.kctl/config)."
    static let contextHelp = "The name of the kubeconfig context to use."
    static let namespaceHelp = "If present, the namespace scope for this request."
    static let requestTimeoutHelp =
        "The length of time to wait before giving up on a single server request: a duration such as 5s or 2m "
        + "(a bare number is seconds); 0 means no timeout."
    /// `--request-timeout`'s default.
    static let defaultRequestTimeout = "30s"
    static let tokenHelp = "Bearer token for authentication to the API server"
    static let asHelp =
        "The user to run the request as (impersonation): a user name, or system:serviceaccount:NAMESPACE:NAME for a "
        + "service account."
    static let asGroupHelp = "A group to run the request as (impersonation); repeat the flag for several groups."

    @Option(help: ArgumentHelp(kubeconfigHelp, valueName: "file"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp(contextHelp, valueName: "name"), completion: CompletionCandidates.contexts)
    var context: String?

    @Option(
        name: [.customShort("n", allowingJoined: true), .long],
        help: ArgumentHelp(namespaceHelp, valueName: "namespace"))
    var namespace: String?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp(requestTimeoutHelp, valueName: "duration"))
    var requestTimeoutValue = RequestTimeout(argument: defaultRequestTimeout)!

    /// `--request-timeout` in seconds.
    var requestTimeout: Double { requestTimeoutValue.seconds }

    /// A bearer token (a ServiceAccount token) that replaces the kubeconfig user's; as with kubectl, a client
    /// certificate the user also has is still presented, and the server then goes by the certificate.
    @Option(help: ArgumentHelp(tokenHelp, valueName: "token"))
    var token: String?

    /// `--as`: the user the requests run as; the server checks the caller may impersonate it.
    @Option(name: .customLong("as"), help: ArgumentHelp(asHelp, valueName: "user"))
    var asUser: String?

    /// `--as-group`, repeatable: the groups the requests run as.
    @Option(name: .customLong("as-group"), help: ArgumentHelp(asGroupHelp, valueName: "group"))
    var asGroups: [String] = []

    /// The impersonation `--as` and `--as-group` ask for; nil when neither is given.
    var impersonation: WireImpersonation? {
        asUser == nil && asGroups.isEmpty ? nil : WireImpersonation(user: asUser, groups: asGroups)
    }

    /// The flags as `kctl options` lists them: (names, default, help), sorted by long name as kubectl sorts them.
    static let listing: [(names: String, defaultValue: String, help: String)] = [
        ("--as", "", asHelp),
        ("--as-group", "[]", asGroupHelp),
        ("--context", "", contextHelp),
        ("--kubeconfig", "", kubeconfigHelp),
        ("-n, --namespace", "", namespaceHelp),
        ("--request-timeout", defaultRequestTimeout, requestTimeoutHelp),
        ("--token", "", tokenHelp),
    ]
}

/// `--request-timeout`, as kubectl takes it: a Go duration (`5s`, `1m30s`) or a bare number of seconds; `0` means no
/// timeout (kctl waits a year).
struct RequestTimeout: ExpressibleByArgument, Sendable, Equatable {
    /// What `0` stands for, in seconds.
    static let unlimited: Double = 365 * 24 * 3600

    /// The timeout in seconds.
    var seconds: Double

    init?(argument: String) {
        guard let duration = DurationText.parse(argument) else { return nil }
        let seconds = DurationText.seconds(duration)
        self.seconds = seconds == 0 ? Self.unlimited : seconds
    }

    var defaultValueDescription: String { GlobalOptions.defaultRequestTimeout }
}
