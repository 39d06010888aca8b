import KubeAPI
import Wire

/// How the emulated runtime "pulls" images: nothing is downloaded; a documented rule decides which images
/// cannot be pulled.
///
/// **Unpullable images.** An image fails to pull (`ErrImagePull`, then `ImagePullBackOff` while the kubelet
/// backs off, retrying after 10 s, 20 s, 40 s ... up to 5 min) when
/// - its tag is `non-existent` (`nginx:non-existent`), or
/// - its reference contains `does-not-exist` or `invalid` anywhere (`example.com/does-not-exist/app:1.0`,
///   `invalid-image`).
///
/// An image that is not a valid reference at all (empty, spaces, upper case in the repository path) gives
/// `InvalidImageName` and is never retried, as in Kubernetes. Every other image pulls successfully after the
/// runtime's configurable pull delay (default 0), once per node: later containers using an image already
/// pulled on the node start without delay.
enum ImagePullRule {
    /// Why `image` cannot be used, or `nil` when it pulls.
    static func failure(for image: String) -> ImagePullFailure? {
        guard let reference = ImageReference(image) else {
            return ImagePullFailure(
                reason: "InvalidImageName",
                message: "Failed to apply default image tag \"\(image)\": couldn't parse image name \"\(image)\": "
                    + "invalid reference format",
                retries: false)
        }
        let lowered = image.lowercased()
        guard reference.tag == "non-existent" || lowered.contains("does-not-exist") || lowered.contains("invalid")
        else { return nil }
        let full = normalizedName(image)
        return ImagePullFailure(
            reason: "ErrImagePull",
            message: "rpc error: code = NotFound desc = failed to pull and unpack image \"\(full)\": "
                + "failed to resolve reference \"\(full)\": \(full): not found",
            retries: true)
    }

    /// The image as the runtime reports it in `status.containerStatuses[].image`:
    /// `nginx:1.14` → `docker.io/library/nginx:1.14`,
    /// `ikubernetes/filebeat` → `docker.io/ikubernetes/filebeat:latest`.
    static func normalizedName(_ image: String) -> String {
        guard let reference = ImageReference(image) else { return image }
        var name = qualifiedRepository(reference.repository)
        if let tag = reference.tag { name += ":" + tag }
        if let digest = reference.digest { name += "@" + digest }
        return name
    }

    /// A stable emulated `imageID`: `docker.io/library/nginx@sha256:<64 hex>` derived from the image name.
    static func imageID(for image: String) -> String {
        let repository = ImageReference(image).map { qualifiedRepository($0.repository) } ?? image
        if let digest = ImageReference(image)?.digest { return repository + "@" + digest }
        return repository + "@sha256:" + StableHash.hex64(normalizedName(image))
    }

    /// `nginx` → `docker.io/library/nginx`; `team/app` → `docker.io/team/app`; registries are kept.
    static func qualifiedRepository(_ repository: String) -> String {
        let components = repository.split(separator: "/", omittingEmptySubsequences: false)
        if components.count == 1 { return "docker.io/library/" + repository }
        let first = components[0]
        let hasRegistry = first.contains(".") || first.contains(":") || first == "localhost"
        return hasRegistry ? repository : "docker.io/" + repository
    }
}

/// An image that cannot be pulled: the container's waiting reason and message.
struct ImagePullFailure: Sendable, Hashable {
    /// `ErrImagePull` or `InvalidImageName`.
    var reason: String
    var message: String
    /// `true` when the kubelet retries with backoff (`ImagePullBackOff` between attempts).
    var retries: Bool
}

/// Deterministic 256-bit-looking hex identifiers (container IDs, image digests) from a string: four FNV-1a
/// 64-bit hashes with different seeds. Not cryptographic; only stable and well spread.
enum StableHash {
    /// 64 lowercase hex characters derived from `text`.
    static func hex64(_ text: String) -> String {
        (0..<4).map { seed -> String in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(seed) &* 0x9e37_79b9_7f4a_7c15
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

extension ImagePullRule {
    /// A stable emulated image size in bytes (5 MB to 105 MB), derived from the image name, for the `Pulled` event.
    static func imageSize(for image: String) -> Int64 {
        let hex = StableHash.hex64(normalizedName(image)).prefix(8)
        return 5_000_000 + Int64(UInt32(hex, radix: 16) ?? 0) % 100_000_000
    }
}
