using static TorchSharp.torch;

namespace MlNetResNet.Weights;

/// <summary>
/// A module's state in PyTorch's <c>state_dict()</c> order: per module, its own parameters, then its own persistent
/// buffers, then its children depth-first. (TorchSharp's <c>state_dict()</c> lists every parameter before any buffer.)
/// </summary>
internal static class StateDictOrder
{
    public static List<KeyValuePair<string, Tensor>> Entries(nn.Module module)
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        Visit(module, "", entries);
        return entries;
    }

    private static void Visit(nn.Module module, string prefix, List<KeyValuePair<string, Tensor>> entries)
    {
        foreach (var (name, parameter) in module.named_parameters(recurse: false)) entries.Add(new(prefix + name, parameter));
        foreach (var (name, buffer) in module.named_buffers(recurse: false, include_nonpersistent: false)) entries.Add(new(prefix + name, buffer));
        foreach (var (name, child) in module.named_children()) Visit(child, $"{prefix}{name}.", entries);
    }
}
