using MlNetResNet.Weights;
using MlNetResNet.Weights.PyTorch;
using static TorchSharp.torch;
using MlNetResNet.ModelFile;

namespace MlNetResNet;

/// <summary>
/// The trainable TorchSharp network that model.zip carries beside its scoring graph (batch norm unfolded, logits before
/// any temperature), with its class names and image sizes: what training on from a saved model and Grad-CAM start from.
/// </summary>
public sealed class SavedNetwork : IDisposable
{
    private SavedNetwork(ResNet network, NetworkDescription description)
    {
        Network = network;
        ClassNames = description.ClassNames;
        ImageSize = description.ImageSize;
        ResizeSize = description.ResizeSize;
        Temperature = description.Temperature;
    }

    /// <summary>The network on the CPU, in eval mode; <c>fc</c> row i is class <see cref="ClassNames"/>[i].</summary>
    public ResNet Network { get; }

    /// <summary>Class names in <c>fc</c> row order (the order of the model's <c>Score</c> slots).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Side of the square crop the network saw in training.</summary>
    public int ImageSize { get; }

    /// <summary>Shorter side images are resized to before the center crop.</summary>
    public int ResizeSize { get; }

    /// <summary>The temperature the scoring graph divides the logits by (1 when uncalibrated).</summary>
    public double Temperature { get; }

    /// <summary>Reads the network of a model.zip saved by this library.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file carries no network entry (saved by an older version) or a damaged one.</exception>
    public static SavedNetwork Load(string modelPath)
    {
        var (description, weights) = NetworkEntryReader.Read(modelPath);
        var network = Create(description, modelPath, description.ClassNames.Length);
        try
        {
            using var scope = NewDisposeScope();
            var state = ReadState(weights, modelPath);
            StateDictApplier.Apply(network, state, strict: true, EntrySource(modelPath));
            network.eval();
            return new SavedNetwork(network, description);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The architecture row of the description, block counts included.</summary>
    internal static ArchitectureSpec SpecOf(NetworkDescription description, string modelPath)
    {
        if (!Enum.TryParse<ResNetArchitecture>(description.Architecture, out var architecture)
            || !Enum.TryParse<BlockKind>(description.Block, out var block))
            throw new InvalidDataException(
                $"Model file '{modelPath}': the network entry names architecture '{description.Architecture}' with " +
                $"block '{description.Block}', which this version does not know.");
        return new ArchitectureSpec(architecture, description.TorchvisionName, block, description.Layers, description.Groups,
            description.WidthPerGroup);
    }

    /// <summary>A freshly initialised network of the saved shape with <paramref name="numClasses"/> outputs.</summary>
    internal static ResNet Create(NetworkDescription description, string modelPath, int numClasses)
    {
        try
        {
            return ResNet.Create(SpecOf(description, modelPath), numClasses);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException($"Model file '{modelPath}': the network entry describes no valid ResNet ({error.Message}).", error);
        }
    }

    /// <summary>The weights entry's tensors (owned by the caller's dispose scope).</summary>
    internal static IReadOnlyDictionary<string, Tensor> ReadState(byte[] weights, string modelPath) =>
        PyTorchCheckpoint.ReadDetailed(EntrySource(modelPath), new MemoryStream(weights, writable: false)).Tensors;

    internal static string EntrySource(string modelPath) => $"{modelPath}:{NetworkEntries.WeightsEntryName}";

    /// <summary>Releases the network's native tensors.</summary>
    public void Dispose() => Network.Dispose();
}
