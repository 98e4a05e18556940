namespace MlNetResNet.Imaging;

/// <summary>
/// A sample source that can hand out a sample's encoded file bytes without decoding them, so the feature cache can
/// key an image by its content at the cost of a read and a hash instead of a decode.
/// </summary>
internal interface IEncodedImageBytes
{
    /// <summary>The encoded bytes of a sample; false when the sample has none (decoded pixels, unreadable row).</summary>
    bool TryGetEncodedBytes(int index, out ReadOnlyMemory<byte> bytes);
}
