import * as CheckboxPrimitive from '@radix-ui/react-checkbox';
import * as RadioGroupPrimitive from '@radix-ui/react-radio-group';
import { Check } from 'lucide-react';
import type { ComponentProps } from 'react';

/**
 * The portal's choice controls on Radix primitives, unstyled except for the portal's `.bp-` classes.
 * A radio group is one Tab stop: arrow keys move the selection and Space picks the focused item.
 * Each control is named by the `<label>` it sits in (or its own `aria-label`).
 */
export const RadioGroup = RadioGroupPrimitive.Root;

export function Radio({ className, ...props }: ComponentProps<typeof RadioGroupPrimitive.Item>) {
  return (
    <RadioGroupPrimitive.Item className={className ? `bp-radio-control ${className}` : 'bp-radio-control'} {...props}>
      <RadioGroupPrimitive.Indicator className="bp-radio-dot" />
    </RadioGroupPrimitive.Item>
  );
}

/** A two-state checkbox: `checked` is always a boolean here (the portal has no "mixed" state). */
export function Checkbox({
  checked,
  onCheckedChange,
  ...props
}: Omit<ComponentProps<typeof CheckboxPrimitive.Root>, 'checked' | 'onCheckedChange'> & {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
}) {
  return (
    <CheckboxPrimitive.Root
      className="bp-checkbox"
      checked={checked}
      onCheckedChange={(state) => onCheckedChange(state === true)}
      {...props}
    >
      <CheckboxPrimitive.Indicator className="bp-checkbox-mark">
        <Check aria-hidden="true" size="0.9em" strokeWidth={3} />
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  );
}
