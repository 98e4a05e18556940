using System.Security.Cryptography;
using System.Text;

namespace MlNetResNet.Training.FeatureCache;

/// <summary>
/// Everything that decides an image's pooled features: its content, the architecture, the backbone weights, the crop
/// size, the resize size and the preprocessing (evaluation crop, or which augmented view with which settings).
/// Changing any of them gives another <see cref="FileName"/>.
/// </summary>
internal sealed record FeatureCacheKey(
    byte[] ContentHash, string Architecture, string WeightsFingerprint, int ImageSize, int ResizeSize, string Preprocessing)
{
    // Bump when the entry layout or the meaning of a key field changes: old entries then simply stop matching.
    private const string KeyVersion = "features-v1";

    /// <summary>The entry's file name: a hash of every field, in hex.</summary>
    public string FileName
    {
        get
        {
            string text = string.Join('\n', KeyVersion, Convert.ToHexString(ContentHash), Architecture, WeightsFingerprint,
                ImageSize, ResizeSize, Preprocessing);
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 20).ToLowerInvariant() + FeatureCacheStore.EntryExtension;
        }
    }
}
