using MlNetResNet.Weights.PyTorch;
using static TorchSharp.torch;

namespace MlNetResNet;

/// <summary>
/// Reads and writes the state-dict files of PyTorch's <c>torch.save</c> without Python. Reading accepts the zip
/// format (PyTorch ≥ 1.6) and the legacy format, and never builds anything but tensors and dictionaries from the
/// pickle; writing produces the zip format that <c>torch.load</c> (also with <c>weights_only=True</c>) reads.
/// </summary>
public static class PyTorchCheckpoint
{
    /// <summary>
    /// Reads the state dict of <paramref name="path"/>, in file order, with the dtypes stored in the file. When the
    /// file wraps the state dict in a dict (under <c>state_dict</c>, <c>model</c> or <c>model_state_dict</c>), the
    /// inner dict is returned. Keys are returned as stored (a <c>module.</c> prefix is kept). The caller owns the
    /// tensors (CPU; entries sharing a storage in the file are views of one tensor, as in PyTorch).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PyTorchCheckpointException">The file is not a readable, safe state-dict checkpoint.</exception>
    public static IReadOnlyDictionary<string, Tensor> Read(string path) => ReadDetailed(path).Tensors;

    /// <summary>
    /// Writes <paramref name="tensors"/> as an OrderedDict in PyTorch's zip format, in the given order. Tensors may
    /// live on any device and need not be contiguous; supported dtypes: float32/64/16, bfloat16, int64/32/16/8,
    /// uint8, bool.
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors) =>
        ZipCheckpointWriter.Write(path, tensors);

    internal static LoadedCheckpoint ReadDetailed(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = CheckpointOpener.Open(path);
        return Materialize(file);
    }

    /// <summary>Reads a checkpoint held in memory or any seekable stream (the fuzz tests feed mutated bytes here).</summary>
    internal static LoadedCheckpoint ReadDetailed(string name, Stream stream)
    {
        using var file = CheckpointOpener.Open(name, stream);
        return Materialize(file);
    }

    private static LoadedCheckpoint Materialize(CheckpointFile file)
    {
        var (entries, wrapperKey) = StateDictLocator.Find(file.Root, file.Path);
        var tensors = TensorMaterializer.Materialize(entries, file.Storages, file.Path);
        return new LoadedCheckpoint(file.Path, file.Format, wrapperKey, tensors);
    }
}
