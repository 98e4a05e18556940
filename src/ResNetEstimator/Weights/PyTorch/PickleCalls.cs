namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// What REDUCE, NEWOBJ and BUILD do for the allowed globals: our own constructors, chosen by
/// <see cref="AllowedGlobal"/>. Anything else is refused with the file and the global named.
/// </summary>
internal static class PickleCalls
{
    public static object Call(object? callable, object? arguments, string file)
    {
        var global = callable as PickleGlobal
            ?? throw new PyTorchCheckpointException(file, $"the pickle calls {PickleTypeNames.WithArticle(callable)}, which is not callable here.");
        var args = arguments as PickleTuple
            ?? throw new PyTorchCheckpointException(file, $"the pickle calls {global.QualifiedName} with {PickleTypeNames.WithArticle(arguments)} instead of an argument tuple.");
        return global.Kind switch
        {
            AllowedGlobal.OrderedDict => NewOrderedDict(args, file),
            AllowedGlobal.RebuildTensor => RebuildTensor(global, args, 4, file),
            AllowedGlobal.RebuildTensorV2 => RebuildTensor(global, args, 6, file),
            AllowedGlobal.RebuildParameter => ParameterData(global, args, 3, file),
            AllowedGlobal.RebuildParameterWithState => ParameterData(global, args, 4, file),
            _ => throw new PyTorchCheckpointException(file, $"the pickle calls {global.QualifiedName}, which is only allowed as a storage type."),
        };
    }

    /// <summary>NEWOBJ: <c>cls.__new__(cls, *args)</c>; only an empty OrderedDict qualifies.</summary>
    public static object New(object? cls, object? arguments, string file)
    {
        if (cls is PickleGlobal { Kind: AllowedGlobal.OrderedDict } && arguments is PickleTuple) return new PickleDict();
        throw new PyTorchCheckpointException(file, $"the pickle creates an instance of {PickleTypeNames.Describe(cls)}, which is not allowed.");
    }

    /// <summary>BUILD: an OrderedDict's attribute state (torch keeps <c>_metadata</c> there). We need none of it.</summary>
    public static void Build(object? instance, object? state, string file)
    {
        if (instance is PickleDict && state is null or PickleDict or PickleTuple) return;
        throw new PyTorchCheckpointException(file,
            $"the pickle sets the state of {PickleTypeNames.WithArticle(instance)} from {PickleTypeNames.WithArticle(state)}, which is not allowed.");
    }

    private static PickleDict NewOrderedDict(PickleTuple args, string file)
    {
        var dict = new PickleDict();
        if (args.Count == 0) return dict;
        // OrderedDict([(key, value), ...]) as protocol 0/1 pickles may write it.
        if (args.Count == 1 && args[0] is List<object?> pairs)
        {
            foreach (var pair in pairs)
            {
                var items = pair switch { PickleTuple t => t.Items, List<object?> l => l.ToArray(), _ => null };
                if (items is not { Length: 2 }) throw new PyTorchCheckpointException(file, "an OrderedDict is built from something other than key-value pairs.");
                dict.Set(items[0], items[1]);
            }
            return dict;
        }
        throw new PyTorchCheckpointException(file, $"collections.OrderedDict is called with {args.Count} unexpected arguments.");
    }

    // _rebuild_tensor(storage, storage_offset, size, stride) and
    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]).
    private static TensorReference RebuildTensor(PickleGlobal global, PickleTuple args, int arity, string file)
    {
        if (args.Count != arity && !(arity == 6 && args.Count == 7))
            throw new PyTorchCheckpointException(file, $"{global.QualifiedName} gets {args.Count} arguments, expected {arity}.");
        var storage = args[0] as StorageReference
            ?? throw new PyTorchCheckpointException(file, $"{global.QualifiedName} gets {PickleTypeNames.WithArticle(args[0])} where a storage belongs.");
        long offset = Integer(args[1], global, "storage_offset", file);
        long[] size = Integers(args[2], global, "size", file);
        long[] stride = Integers(args[3], global, "stride", file);
        return TensorReference.Create(storage, offset, size, stride, file);
    }

    // _rebuild_parameter(data, requires_grad, backward_hooks[, state]): the tensor is all a state dict needs.
    private static TensorReference ParameterData(PickleGlobal global, PickleTuple args, int arity, string file)
    {
        if (args.Count != arity)
            throw new PyTorchCheckpointException(file, $"{global.QualifiedName} gets {args.Count} arguments, expected {arity}.");
        return args[0] as TensorReference
            ?? throw new PyTorchCheckpointException(file, $"{global.QualifiedName} wraps {PickleTypeNames.WithArticle(args[0])}, not a tensor.");
    }

    private static long Integer(object? value, PickleGlobal global, string what, string file) =>
        value is long number
            ? number
            : throw new PyTorchCheckpointException(file, $"{global.QualifiedName} gets {PickleTypeNames.WithArticle(value)} as {what}, not an int.");

    private static long[] Integers(object? value, PickleGlobal global, string what, string file)
    {
        var items = value switch { PickleTuple t => t.Items, List<object?> l => l.ToArray(), _ => null }
            ?? throw new PyTorchCheckpointException(file, $"{global.QualifiedName} gets {PickleTypeNames.WithArticle(value)} as {what}, not a tuple of ints.");
        return items.Select(item => Integer(item, global, what, file)).ToArray();
    }
}
