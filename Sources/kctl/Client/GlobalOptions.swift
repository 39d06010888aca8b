import ArgumentParser

/// Options every command that talks to the control plane takes, as kubectl's global flags.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Path to the kubeconfig file to use (else $KUBECONFIG, else ~/.kctl/config).")
    var kubeconfig: String?

    @Option(help: "The name of the kubeconfig context to use.")
    var context: String?

    @Option(name: [.short, .long], help: "If present, the namespace scope for this request.")
    var namespace: String?

    @Option(help: "Seconds to wait for a single server request before giving up.")
    var requestTimeout: Double = 30
}
