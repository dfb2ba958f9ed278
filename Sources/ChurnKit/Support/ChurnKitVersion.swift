/// The library's version, written into every model file.
public enum ChurnKitVersion {
    public static let current = "0.1.0"
}
