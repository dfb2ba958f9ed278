#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the SGD learning rate changes with the epoch `t` (0-based).
public enum LearningRateSchedule: String, Codable, Sendable, CaseIterable {
    /// `η`.
    case constant
    /// `η / (1 + t)`.
    case inverseTime = "inverse-time"
    /// `η · 0.5^⌊t/10⌋`.
    case stepDecay = "step-decay"

    func rate(initial: Double, epoch: Int) -> Double {
        switch self {
        case .constant: return initial
        case .inverseTime: return initial / Double(1 + epoch)
        case .stepDecay: return initial * pow(0.5, Double(epoch / 10))
        }
    }
}
