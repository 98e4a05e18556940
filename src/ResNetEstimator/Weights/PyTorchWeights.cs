using MlNetResNet.Weights;
using MlNetResNet.Weights.PyTorch;
using static TorchSharp.torch;

namespace MlNetResNet;

/// <summary>Loading and saving a <see cref="ResNet"/>'s weights as PyTorch <c>.pth</c> state-dict files.</summary>
public static class PyTorchWeights
{
    /// <summary>
    /// Loads a state dict written by <c>torch.save(model.state_dict(), path)</c> — zip or legacy format, optionally
    /// wrapped (<c>{"state_dict": ...}</c>, <c>{"model": ...}</c>) and with DataParallel's <c>module.</c> prefix.
    /// float16, bfloat16 and float64 tensors are converted to the network's float32. When only <c>fc</c>'s class
    /// count differs, <c>fc</c> is skipped and reported. Nothing is changed unless the whole load succeeds.
    /// </summary>
    /// <param name="net">The network to load into.</param>
    /// <param name="path">The <c>.pth</c> file.</param>
    /// <param name="strict">True (default): missing, unexpected or wrongly shaped tensors are an error.
    /// False: load what fits and report the rest.</param>
    /// <returns>What was loaded, converted, skipped, missing and unexpected.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PyTorchCheckpointException">The file is not a readable, safe state-dict checkpoint.</exception>
    /// <exception cref="WeightLoadException">The state dict does not fit the network (strict mode).</exception>
    public static WeightLoadReport LoadPyTorchWeights(this ResNet net, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(net);
        using var scope = NewDisposeScope();
        var checkpoint = PyTorchCheckpoint.ReadDetailed(path);
        return StateDictApplier.Apply(net, checkpoint.Tensors, strict, path, checkpoint.Description);
    }

    /// <summary>
    /// Writes the network's state dict as a zip-format <c>.pth</c> with torchvision's key order, which
    /// <c>torchvision.models.&lt;arch&gt;().load_state_dict(torch.load(path))</c> accepts.
    /// </summary>
    public static void SavePyTorchWeights(this ResNet net, string path)
    {
        ArgumentNullException.ThrowIfNull(net);
        PyTorchCheckpoint.Write(path, StateDictOrder.Entries(net));
    }
}
