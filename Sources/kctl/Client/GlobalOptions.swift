import ArgumentParser

/// Options every command that talks to the control plane takes, as kubectl's global flags.
///
/// `-n` also takes its value joined (`-nkube-system`) or after `=` (`-n=x`), as kubectl's does.
struct GlobalOptions: ParsableArguments {
    static let kubeconfigHelp = "Path to the kubeconfig file to use (else $KUBECONFIG, else ~/.kctl/config)."
    static let contextHelp = "The name of the kubeconfig context to use."
    static let namespaceHelp = "If present, the namespace scope for this request."
    static let requestTimeoutHelp = "Seconds to wait for a single server request before giving up."
    /// `--request-timeout`'s default, in seconds.
    static let defaultRequestTimeout = 30

    @Option(help: ArgumentHelp(kubeconfigHelp, valueName: "file"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp(contextHelp, valueName: "name"), completion: CompletionCandidates.contexts)
    var context: String?

    @Option(
        name: [.customShort("n", allowingJoined: true), .long],
        help: ArgumentHelp(namespaceHelp, valueName: "namespace"))
    var namespace: String?

    @Option(help: ArgumentHelp(requestTimeoutHelp, valueName: "seconds"))
    var requestTimeout = Double(defaultRequestTimeout)

    /// The flags as `kctl options` lists them: (names, default, help), sorted by long name as kubectl sorts them.
    static let listing: [(names: String, defaultValue: String, help: String)] = [
        ("--context", "", contextHelp),
        ("--kubeconfig", "", kubeconfigHelp),
        ("-n, --namespace", "", namespaceHelp),
        ("--request-timeout", "\(defaultRequestTimeout)", requestTimeoutHelp),
    ]
}
