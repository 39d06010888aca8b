public enum WireVersion { public static let protocolVersion = 1 }
