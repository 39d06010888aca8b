import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// Values the completion scripts offer for arguments that name things kctl knows without a control plane: the
/// kubeconfig's contexts and the local clusters. The scripts ask kctl itself (`kctl ---completion ...`), passing
/// the words typed so far, so `--kubeconfig FILE` among them is honoured.
enum CompletionCandidates {
    /// The contexts of the kubeconfig the typed words choose.
    static let contexts = CompletionKind.custom { words, _, prefix in
        let file = KubeconfigFile.locate(
            explicit: kubeconfigFlag(in: words), environment: ProcessInfo.processInfo.environment)
        let names = (try? file.load().contexts.map(\.name)) ?? []
        return names.filter { $0.hasPrefix(prefix) }
    }

    /// The local clusters' names.
    static let clusters = CompletionKind.custom { _, _, prefix in
        ClusterOperations.current().store.names().filter { $0.hasPrefix(prefix) }
    }

    /// The value of `--kubeconfig F` or `--kubeconfig=F` among `words`. Pure.
    static func kubeconfigFlag(in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == "--kubeconfig", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--kubeconfig=") { return String(word.dropFirst("--kubeconfig=".count)) }
        }
        return nil
    }
}
