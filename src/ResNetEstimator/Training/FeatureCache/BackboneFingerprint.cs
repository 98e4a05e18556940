using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace MlNetResNet.Training.FeatureCache;

/// <summary>
/// A hash of everything in a network that shapes its pooled features: the name, shape, dtype and values of every
/// backbone parameter and batch-norm buffer (all of the state dict except <c>fc</c>). Two networks with the same
/// fingerprint compute the same features.
/// </summary>
internal static class BackboneFingerprint
{
    public static string Of(ResNet network)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in network.state_dict().OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (name.StartsWith("fc.", StringComparison.Ordinal)) continue;
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}|{tensor.dtype}|{string.Join('x', tensor.shape)}\n"));
            // Channels-last or strided tensors are hashed in their logical (contiguous, CPU) order.
            var values = tensor.detach().cpu().contiguous();
            hash.AppendData(values.bytes);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
