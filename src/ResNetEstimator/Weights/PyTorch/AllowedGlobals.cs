namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// The allow-list of module-level names a state-dict pickle may reference. The unpickler never imports or runs
/// anything: these names only select which of our own constructors builds the value.
/// </summary>
internal static class AllowedGlobals
{
    private static readonly Dictionary<(string Module, string Name), AllowedGlobal> Functions = new()
    {
        [("collections", "OrderedDict")] = AllowedGlobal.OrderedDict,
        [("torch._utils", "_rebuild_tensor")] = AllowedGlobal.RebuildTensor,
        [("torch._utils", "_rebuild_tensor_v2")] = AllowedGlobal.RebuildTensorV2,
        [("torch._utils", "_rebuild_parameter")] = AllowedGlobal.RebuildParameter,
        [("torch._utils", "_rebuild_parameter_with_state")] = AllowedGlobal.RebuildParameterWithState,
    };

    /// <summary>Resolves <paramref name="module"/>.<paramref name="name"/> or throws naming the file and the global.</summary>
    public static PickleGlobal Resolve(string module, string name, string file)
    {
        if (Functions.TryGetValue((module, name), out var kind)) return new PickleGlobal(module, name, kind);
        if (module == "torch" && StorageTypes.TryGet(name, out _)) return new PickleGlobal(module, name, AllowedGlobal.Storage);
        throw new PyTorchCheckpointException(file,
            $"the pickle references the global '{module}.{name}', which is not allowed. Only tensors, storages " +
            "(torch.*Storage) and dictionaries are read; whole pickled models, optimizers' Python objects or " +
            "anything executable are refused. Save the model's state_dict() instead.");
    }
}
