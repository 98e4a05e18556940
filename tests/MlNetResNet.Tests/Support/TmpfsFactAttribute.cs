namespace MlNetResNet.Tests.Support;

/// <summary>A test that mounts a <see cref="TmpfsMount"/>: skipped, with the reason, where that is impossible.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (TmpfsMount.UnavailableReason is string reason) Skip = reason;
    }
}
