// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "kcluster",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "KubeAPI", targets: ["KubeAPI"]),
        .library(name: "Wire", targets: ["Wire"]),
        .executable(name: "controlplane", targets: ["ControlPlane"]),
        .executable(name: "kubeletd", targets: ["Kubeletd"]),
        .executable(name: "kctl", targets: ["kctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: [
        // The Kubernetes API as data: types, JSON, selectors, patches, validation shared by client and server.
        // No I/O: scripts/check-imports fails the build if it imports NIO, NIOSSL, GRDB, Subprocess or Yams.
        .target(name: "KubeAPI", path: "Sources/Wire/API"),
        // The protocol: framing, TLS, the connection, join, the client's kubeconfig.
        .target(
            name: "Wire",
            dependencies: [
                "KubeAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Wire/Protocol"
        ),
        .executableTarget(
            name: "ControlPlane",
            dependencies: [
                "KubeAPI", "Wire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // The sandbox launcher kubeletd runs container processes through (C: it must start single-threaded).
        .target(name: "CSandbox", path: "Sources/CSandbox"),
        .executableTarget(
            name: "Kubeletd",
            dependencies: [
                "KubeAPI", "Wire", "CSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "kctl",
            dependencies: [
                "KubeAPI", "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "kbench",
            dependencies: [
                "KubeAPI", "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "KubeAPI", "Wire", .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "WireTests",
            dependencies: [
                "KubeAPI", "Wire", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "ControlPlaneTests", dependencies: ["ControlPlane", "KubeAPI", "Wire", "TestSupport"]),
        .testTarget(name: "KctlTests", dependencies: ["kctl", "KubeAPI", "Wire", "TestSupport"]),
        .testTarget(name: "KubeletdTests", dependencies: ["Kubeletd", "KubeAPI", "Wire", "TestSupport"]),
        .testTarget(name: "KbenchTests", dependencies: ["kbench"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["KubeAPI", "Wire", "TestSupport", .product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
