namespace MlNetResNet.Weights.PyTorch;

/// <summary>The MARK opcode's position marker on the stack.</summary>
internal sealed class PickleMark
{
    public static readonly PickleMark Instance = new();

    private PickleMark()
    {
    }
}
