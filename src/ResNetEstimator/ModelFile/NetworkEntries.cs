using System.Text;
using System.Text.Json;
using Microsoft.ML;

namespace MlNetResNet.ModelFile;

/// <summary>
/// The two entries a fitted classifier adds to its folder of model.zip: the unfolded network as a PyTorch
/// <c>.pth</c> file (batch norm separate from the convolutions, logits before any temperature; the ONNX graph beside
/// it has batch norm folded, so training cannot go on from that) and its <see cref="NetworkDescription"/> as JSON.
/// </summary>
internal static class NetworkEntries
{
    public const string WeightsEntryName = "ResNetNetwork.pth";
    public const string DescriptionEntryName = "ResNetNetwork.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The state dict in torchvision's key order, as the bytes of a <c>.pth</c> file.</summary>
    public static byte[] WeightsOf(ResNet network) => Weights.PyTorch.ZipCheckpointWriter.ToBytes(Weights.StateDictOrder.Entries(network));

    public static void Write(ModelSaveContext context, byte[] weights, NetworkDescription description)
    {
        ModelSaveEntries.Write(context, DescriptionEntryName, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(description, Json)));
        ModelSaveEntries.Write(context, WeightsEntryName, weights);
    }
}
